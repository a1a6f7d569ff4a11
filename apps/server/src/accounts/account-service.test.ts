import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import azureAd from '@unidir/connector-azure-ad';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSandboxPolicy } from '../config/sandbox-policy.js';
import { accountAssociatedData, createEncryptor, type Encryptor } from '../security/encryption.js';
import { SecretRegistry } from '../security/secret-registry.js';
import { createSqlStore } from '../storage/sql-store.js';
import { openSqliteDriver } from '../storage/sqlite-driver.js';
import type { Store } from '../storage/store.js';
import { AccountService } from './account-service.js';
import { SandboxManager } from './sandbox-manager.js';

const credentials = (secret: string) => ({
  tenant_id: '11111111-2222-4333-8444-555555555555',
  client_id: '99999999-8888-4777-8666-555555555555',
  client_secret: secret,
});

describe('the runtime record of an account', () => {
  let directory: string;
  let store: Store;
  let encryptor: Encryptor;
  let accounts: AccountService;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'unidir-accounts-'));
    store = createSqlStore(openSqliteDriver(directory));
    await store.migrate();
    encryptor = createEncryptor(randomBytes(32));
    accounts = new AccountService({
      store,
      encryptor,
      registry: { get: (id) => (id === azureAd.id ? azureAd : undefined), list: () => [azureAd] },
      sandboxes: new SandboxManager(async () => undefined),
      secrets: new SecretRegistry(),
      allowedHosts: [],
      sandboxPolicy: defaultSandboxPolicy,
    });
  });

  afterEach(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  const runtimeCredentials = async (id: string) =>
    (await accounts.runtimeRecordFor(await accounts.get('acme', id))).credentials;

  it('carries the decrypted credentials, and the new ones after an update', async () => {
    const account = await accounts.create('acme', {
      integration: 'azure-ad',
      credentials: credentials('first-secret'),
    });
    expect(await runtimeCredentials(account.id)).toEqual(credentials('first-secret'));
    await accounts.update('acme', account.id, { credentials: credentials('second-secret') });
    expect(await runtimeCredentials(account.id)).toEqual(credentials('second-secret'));
  });

  it('carries credentials rotated in the database by another writer, though the version did not change', async () => {
    const account = await accounts.create('acme', {
      integration: 'azure-ad',
      credentials: credentials('first-secret'),
    });
    expect(await runtimeCredentials(account.id)).toEqual(credentials('first-secret'));
    await store.updateAccount('acme', account.id, {
      credentialsEncrypted: encryptor.encrypt(
        JSON.stringify(credentials('rotated-secret')),
        accountAssociatedData('acme', account.id, 'credentials'),
      ),
    });
    const reread = await accounts.get('acme', account.id);
    expect(reread.version).toBe(account.version);
    expect(await runtimeCredentials(account.id)).toEqual(credentials('rotated-secret'));
  });

  it('is not served for an account once it is deleted', async () => {
    const account = await accounts.create('acme', {
      integration: 'azure-ad',
      credentials: credentials('first-secret'),
    });
    await runtimeCredentials(account.id);
    await accounts.delete('acme', account.id);
    await expect(runtimeCredentials(account.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

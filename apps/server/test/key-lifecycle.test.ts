import { randomBytes } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { connector as azureAd } from '@unidir/connector-azure-ad';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config/server-config.js';
import { createEncryptor } from '../src/security/encryption.js';
import { rotateEncryptionKeys } from '../src/security/key-rotation.js';
import { createServer } from '../src/server.js';
import { createGeneratedDirectoryConnector } from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let leg: StorageLeg;
beforeEach(async () => {
  leg = await createSqliteLeg();
});
afterEach(() => leg.dispose());

const connectors = [createGeneratedDirectoryConnector(), azureAd];
const start = (config: Partial<ServerConfig> = {}) =>
  startTestServer({ ...leg.config, ...config }, { connectors });

async function createAccount(api: TestServer, token: string): Promise<string> {
  const created = await api.call('POST', '/integrated-accounts', {
    token,
    body: { integration: 'generated', credentials: { users: 3 } },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const listUsers = (api: TestServer, token: string, accountId: string) =>
  api.call('GET', '/unified/user-directory/users', { token, query: { integrated_account_id: accountId } });

describe('the encryption key', () => {
  it('missing beside existing rows: the server refuses to start, naming the fix, and leaves no new key file', async () => {
    const first = await start();
    await createAccount(first, await first.createToken('acme'));
    await first.close();
    const keyPath = join(leg.config.dataDirectory as string, 'encryption.key');
    await rm(keyPath);
    await expect(
      createServer({ config: { ...leg.config, port: 0 }, connectors, logDestination: { write: () => {} } }),
    ).rejects.toMatchObject({
      code: 'encryption_key_mismatch',
      message: expect.stringContaining('Restore the original key'),
    });
    await expect(access(keyPath)).rejects.toThrow();
  });

  it('rotates online: the old key keeps decrypting until `keys rotate` re-encrypts every row', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = await start({ encryptionKey: oldKey });
    const token = await before.createToken('acme');
    const accountId = await createAccount(before, token);
    await before.close();

    const during = await start({ encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
    expect((await listUsers(during, token, accountId)).status).toBe(200);
    const encryptor = createEncryptor(newKey, [oldKey]);
    expect(await rotateEncryptionKeys(during.server.store, encryptor)).toMatchObject({ reencrypted: 1 });
    // Resumable: a second run finds nothing left to do.
    expect(await rotateEncryptionKeys(during.server.store, encryptor)).toMatchObject({
      reencrypted: 0,
      alreadyCurrent: 1,
    });
    await during.close();

    const after = await start({ encryptionKey: newKey });
    expect((await listUsers(after, token, accountId)).status).toBe(200);
    await after.close();
  });

  it('new credentials clear the tokens obtained with the old ones', async () => {
    const api = await start();
    const token = await api.createToken('acme');
    const accountId = await createAccount(api, token);
    await api.server.store.saveToken(accountId, 'default', 'sealed-token', Date.now() + 3_600_000);
    const updated = await api.call('PATCH', `/integrated-accounts/${accountId}`, {
      token,
      body: { credentials: { users: 5 } },
    });
    expect(updated.status).toBe(200);
    expect(await api.server.store.loadToken(accountId, 'default')).toBeUndefined();
    await api.close();
  });

  it('a changed provider URL needs the credentials again', async () => {
    const api = await start({
      allowedProviderHosts: [{ hostname: '127.0.0.1', port: 9, allowHttp: true }],
    });
    const token = await api.createToken('acme');
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: {
        integration: 'azure-ad',
        credentials: {
          tenant_id: 'contoso.onmicrosoft.com',
          client_id: 'app',
          client_secret: 'secret-value',
        },
      },
    });
    const moved = await api.call('PATCH', `/integrated-accounts/${created.body.id}`, {
      token,
      body: { settings: { token_url: 'http://127.0.0.1:9/token' } },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.code).toBe('credentials_required');
    await api.close();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedRowMaxAgeMs } from '../storage/change-aware-cache.js';
import type { SqlDriver } from '../storage/sql-driver.js';
import { createSqlStore } from '../storage/sql-store.js';
import { openSqliteDriver } from '../storage/sqlite-driver.js';
import type { Store } from '../storage/store.js';
import { createApiTokenLookup } from './api-token-cache.js';
import { generateApiToken, hashApiToken } from './api-tokens.js';

describe('API token lookup', () => {
  let directory: string;
  let driver: SqlDriver;
  let store: Store;
  let clock: number;
  const now = () => clock;

  const createToken = async (tenantId: string) => {
    const tokenHash = hashApiToken(generateApiToken());
    await store.createApiToken({
      id: `token-${tokenHash.slice(0, 8)}`,
      tenantId,
      name: null,
      tokenHash,
      createdAt: new Date(clock).toISOString(),
    });
    return tokenHash;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'unidir-token-lookup-'));
    driver = openSqliteDriver(directory);
    store = createSqlStore(driver);
    await store.migrate();
    clock = Date.parse('2026-01-01T00:00:00Z');
  });

  afterEach(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('answers each token with its own tenant', async () => {
    const lookup = createApiTokenLookup(store, now);
    const acme = await createToken('acme');
    const globex = await createToken('globex');
    expect((await lookup(acme))?.tenantId).toBe('acme');
    expect((await lookup(globex))?.tenantId).toBe('globex');
    expect((await lookup(acme))?.tenantId).toBe('acme');
  });

  it('sees a revocation through the store at once', async () => {
    const lookup = createApiTokenLookup(store, now);
    const tokenHash = await createToken('acme');
    expect(await lookup(tokenHash)).toMatchObject({ tenantId: 'acme', revokedAt: null });
    await store.revokeApiToken('acme', `token-${tokenHash.slice(0, 8)}`, new Date(clock).toISOString());
    expect((await lookup(tokenHash))?.revokedAt).not.toBeNull();
  });

  it('reads again a token changed behind the store once the longest cache time has passed', async () => {
    const lookup = createApiTokenLookup(store, now);
    const tokenHash = await createToken('acme');
    expect(await lookup(tokenHash)).toMatchObject({ tenantId: 'acme', tokenHash });
    // The store's own connection: no other process wrote, so nothing is heard.
    await driver.run('DELETE FROM api_tokens WHERE token_hash = ?', [tokenHash]);
    expect(await lookup(tokenHash)).toMatchObject({ tenantId: 'acme' });
    clock += cachedRowMaxAgeMs + 1;
    expect(await lookup(tokenHash)).toBeUndefined();
  });

  it('never remembers an unknown token: it works as soon as it is created', async () => {
    const lookup = createApiTokenLookup(store, now);
    const tokenHash = hashApiToken(generateApiToken());
    expect(await lookup(tokenHash)).toBeUndefined();
    await store.createApiToken({
      id: 'late-token',
      tenantId: 'acme',
      name: null,
      tokenHash,
      createdAt: new Date(clock).toISOString(),
    });
    expect((await lookup(tokenHash))?.tenantId).toBe('acme');
  });
});

import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/server.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer } from './support/test-server.js';

let leg: StorageLeg;
beforeEach(async () => {
  leg = await createSqliteLeg();
});
afterEach(() => leg.dispose());

describe('starting the server', () => {
  it('generates the embedded encryption key and logs its path, never the key', async () => {
    const api = await startTestServer(leg.config);
    await api.close();
    const path = join(leg.config.dataDirectory as string, 'encryption.key');
    const key = (await readFile(path, 'utf8')).trim();
    const keyLine = api.logs.find((line) => line.includes('encryption key'));
    expect(keyLine).toContain(path);
    for (const line of api.logs) expect(line).not.toContain(key);
  });

  it('refuses to start on PostgreSQL without UNIDIR_ENCRYPTION_KEY, before touching the database', async () => {
    await expect(
      createServer({
        config: { ...leg.config, databaseUrl: 'postgres://postgres@127.0.0.1:1/never-contacted' },
        logDestination: { write: () => {} },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_configuration',
      message: expect.stringContaining('UNIDIR_ENCRYPTION_KEY'),
    });
  });

  it('creates the bootstrap token for tenant default once, and keeps it across restarts', async () => {
    const bootstrapToken = `unidir_${randomBytes(24).toString('hex')}`;
    for (let start = 0; start < 2; start++) {
      const api = await startTestServer({ ...leg.config, bootstrapToken });
      const created = await api.call('POST', '/integrated-accounts', {
        token: bootstrapToken,
        body: { integration: 'azure-ad', sandbox: true, sandbox_users: 2 },
      });
      expect(created.status).toBe(201);
      const listed = await api.call('GET', '/integrated-accounts', { token: bootstrapToken });
      expect(listed.body.result).toHaveLength(start + 1);
      await api.close();
    }
  });

  it('refuses a bootstrap token too short to be a secret', async () => {
    await expect(
      createServer({
        config: { ...leg.config, bootstrapToken: 'changeme' },
        logDestination: { write: () => {} },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_configuration',
      message: expect.stringContaining('UNIDIR_BOOTSTRAP_TOKEN'),
    });
  });

  it('names the package when a connector cannot be loaded', async () => {
    await expect(
      createServer({
        config: { ...leg.config, connectorPackages: ['@unidir/connector-does-not-exist'] },
        logDestination: { write: () => {} },
      }),
    ).rejects.toMatchObject({
      code: 'connector_load_failed',
      message: expect.stringContaining('@unidir/connector-does-not-exist'),
    });
  });
});

describe('the SQLite files', () => {
  it('are readable by their owner only', async () => {
    const api = await startTestServer(leg.config);
    const directory = leg.config.dataDirectory as string;
    await api.call('POST', '/integrated-accounts', { token: await api.createToken('acme'), body: {} });
    for (const name of (await readdir(directory)).filter((file) => file.startsWith('unidir.sqlite'))) {
      expect(((await stat(join(directory, name))).mode & 0o777).toString(8)).toBe('600');
    }
    await api.close();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerConfig } from '../../src/config/server-config.js';

/** Where one test run keeps its data: a fresh SQLite folder, or a fresh PostgreSQL database. */
export interface StorageLeg {
  name: 'sqlite' | 'postgres';
  config: Partial<ServerConfig>;
  dispose(): Promise<void>;
}

export async function createSqliteLeg(): Promise<StorageLeg> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-server-test-'));
  return {
    name: 'sqlite',
    config: { dataDirectory },
    dispose: () => rm(dataDirectory, { recursive: true, force: true }),
  };
}

/** CREATE DATABASE for this run on the server DATABASE_URL names; DROP it afterwards. */
export async function createPostgresLeg(adminUrl: string): Promise<StorageLeg> {
  const databaseName = `unidir_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-server-test-'));
  return {
    name: 'postgres',
    config: { databaseUrl: url.toString(), dataDirectory, encryptionKey: randomBytes(32) },
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await cleanup.end();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

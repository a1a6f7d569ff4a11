import { createHash } from 'node:crypto';
import pg from 'pg';
import { KeyedMutex } from './in-process-mutex.js';
import { watchPostgresChanges } from './postgres-change-watcher.js';
import type { Migration, SqlDriver, SqlValue } from './sql-driver.js';

/** `?` placeholders become `$1, $2, ...`; the store's SQL has no `?` inside literals. */
function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** pg_advisory locks take a bigint: the first 8 bytes of the key's SHA-256, as a signed decimal. */
export function advisoryLockId(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

export function openPostgresDriver(databaseUrl: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Lock holders wait on their own connections, so a task's queries on `pool` never starve behind them.
  const lockPool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  // An idle client's error (e.g. the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  lockPool.on('error', () => {});
  const mutex = new KeyedMutex();

  async function inTransaction<T>(lockKey: string, task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await lockPool.connect();
    try {
      await client.query('BEGIN');
      // Transaction-scoped: released by COMMIT/ROLLBACK, or by PostgreSQL if this process dies.
      await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockId(lockKey)]);
      const result = await task(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    kind: 'postgres',
    async all<Row>(sql: string, parameters: readonly SqlValue[] = []) {
      const result = await pool.query(toPostgresPlaceholders(sql), [...parameters]);
      return result.rows as Row[];
    },
    async run(sql, parameters = []) {
      const result = await pool.query(toPostgresPlaceholders(sql), [...parameters]);
      return { changes: result.rowCount ?? 0 };
    },
    async migrate(list: readonly Migration[]) {
      await inTransaction('unidir:migrations', async (client) => {
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
        const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const appliedVersions = new Set(applied.rows.map((row) => Number(row.version)));
        for (const migration of list) {
          if (appliedVersions.has(migration.version)) continue;
          for (const statement of migration.postgres) await client.query(statement);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, new Date().toISOString()],
          );
        }
      });
    },
    withLock(key, task) {
      return mutex.run(key, () => inTransaction(key, () => task()));
    },
    watchChanges: watchPostgresChanges(databaseUrl),
    async close() {
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

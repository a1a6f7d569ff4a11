import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { KeyedMutex } from './in-process-mutex.js';
import type { Migration, SqlDriver, SqlValue } from './sql-driver.js';
import { watchSqliteChanges } from './sqlite-change-watcher.js';

/** How long a lock survives a process that died holding it. */
const lockLeaseMs = 60_000;
/** The store's statements number a few dozen (column subsets included); the bound only guards against misuse. */
const maxCachedStatements = 512;

export function openSqliteDriver(dataDirectory: string): SqlDriver {
  mkdirSync(dataDirectory, { recursive: true, mode: 0o700 });
  const path = join(dataDirectory, 'unidir.sqlite');
  // Owner-only before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const mutex = new KeyedMutex();
  const owner = randomUUID();
  // better-sqlite3 compiles the SQL on every prepare(); the store reuses a small fixed set of statements.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = database.prepare(sql);
      if (statements.size < maxCachedStatements) statements.set(sql, statement);
    }
    return statement;
  };

  /** Takes the lease row atomically (BEGIN IMMEDIATE): other processes on the same file wait for it. */
  const tryAcquire = database.transaction((key: string, now: number) => {
    const row = database.prepare('SELECT owner, expires_at FROM locks WHERE lock_key = ?').get(key) as
      | { owner: string; expires_at: number }
      | undefined;
    if (row && row.expires_at > now) return false;
    database
      .prepare(
        'INSERT INTO locks (lock_key, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (lock_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
      )
      .run(key, owner, now + lockLeaseMs);
    return true;
  });

  return {
    kind: 'sqlite',
    async all<Row>(sql: string, parameters: readonly SqlValue[] = []) {
      return prepared(sql).all(...parameters) as Row[];
    },
    async run(sql, parameters = []) {
      return { changes: prepared(sql).run(...parameters).changes };
    },
    async migrate(list: readonly Migration[]) {
      database.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const apply = database.transaction((migration: Migration) => {
        if (database.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version))
          return;
        for (const statement of migration.sqlite) database.exec(statement);
        database
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      });
      for (const migration of list) apply.immediate(migration);
    },
    withLock(key, task) {
      return mutex.run(key, async () => {
        for (let attempt = 0; !tryAcquire.immediate(key, Date.now()); attempt++) {
          await sleep(Math.min(10 * 2 ** attempt, 200));
        }
        try {
          return await task();
        } finally {
          database.prepare('DELETE FROM locks WHERE lock_key = ? AND owner = ?').run(key, owner);
        }
      });
    },
    watchChanges: watchSqliteChanges(database),
    async close() {
      database.close();
    },
  };
}

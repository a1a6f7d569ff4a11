import { openPostgresDriver } from './postgres-driver.js';
import { createSqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';
import type { Store } from './store.js';

/** PostgreSQL when a database URL is given, else the embedded SQLite database in the data directory. */
export function openStore(options: { databaseUrl?: string; dataDirectory: string }): Store {
  return createSqlStore(
    options.databaseUrl ? openPostgresDriver(options.databaseUrl) : openSqliteDriver(options.dataDirectory),
  );
}

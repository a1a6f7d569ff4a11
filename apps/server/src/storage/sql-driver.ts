import type { WatchChanges } from './store-changes.js';

export type SqlValue = string | number | null;

/**
 * The little a store needs from a database. Statements use `?` placeholders and the SQL both SQLite and
 * PostgreSQL understand (`ON CONFLICT ... DO ...`), so one store serves both.
 */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  all<Row>(sql: string, parameters?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, parameters?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Applies the migrations not yet applied, each in its own transaction, one process at a time. */
  migrate(migrations: readonly Migration[]): Promise<void>;
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Hears the changes other processes make to cached rows (accounts, API tokens). */
  watchChanges: WatchChanges;
  close(): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  /** Statements for each dialect (types differ: identity columns). */
  sqlite: readonly string[];
  postgres: readonly string[];
}

import type Database from 'better-sqlite3';
import type { WatchChanges } from './store-changes.js';

/** How often the file is checked for another process's writes (the `unidir` CLI revoking a token). */
export const sqliteChangePollMs = 1_000;

/**
 * One server process owns a SQLite file, and its own writes are told to its caches directly; what is left
 * is another process on the same file (the CLI). `PRAGMA data_version` changes when another connection
 * commits, without reading any table: when it does, everything cached is dropped.
 */
export function watchSqliteChanges(database: Database.Database): WatchChanges {
  return (report) => {
    const version = () => database.pragma('data_version', { simple: true });
    let seen = version();
    report.watching(true);
    const timer = setInterval(() => {
      const current = version();
      if (current === seen) return;
      seen = current;
      report.change({ table: 'any' });
    }, sqliteChangePollMs);
    timer.unref();
    return async () => clearInterval(timer);
  };
}

import pg from 'pg';
import type { CachedTable, StoreChange, WatchChanges } from './store-changes.js';

/** The channel the triggers of migration 4 notify on; payload `<table>:<id>`. */
export const changeChannel = 'unidir_changes';
const cachedTables: ReadonlySet<string> = new Set<CachedTable>(['integrated_accounts', 'api_tokens']);
/** Waits before reconnecting after consecutive failures; the last repeats. */
const reconnectDelaysMs = [100, 500, 2_000, 5_000];

export function parseChangePayload(payload: string | undefined): StoreChange {
  const separator = payload?.indexOf(':') ?? -1;
  const table = payload?.slice(0, separator);
  if (payload === undefined || separator < 1 || table === undefined || !cachedTables.has(table)) {
    return { table: 'any' };
  }
  return { table: table as CachedTable, id: payload.slice(separator + 1) };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to queries): each committed change to
 * an account or API token, by any process, arrives as a notification. A lost connection is reported (the
 * caches stop answering and are emptied) and re-established with a growing delay.
 */
export function watchPostgresChanges(databaseUrl: string): WatchChanges {
  return (report) => {
    let client: pg.Client | undefined;
    let stopped = false;
    let failures = 0;
    let retry: NodeJS.Timeout | undefined;

    const reconnectLater = () => {
      const delay = reconnectDelaysMs[Math.min(failures, reconnectDelaysMs.length - 1)];
      failures += 1;
      retry = setTimeout(connect, delay);
      retry.unref();
    };

    function connect(): void {
      const candidate = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
      client = candidate;
      const lost = () => {
        if (client !== candidate) return;
        client = undefined;
        report.watching(false);
        candidate.end().catch(() => {});
        if (!stopped) reconnectLater();
      };
      candidate.on('error', lost);
      candidate.on('end', lost);
      candidate.on('notification', (message) => {
        if (message.channel === changeChannel) report.change(parseChangePayload(message.payload));
      });
      candidate
        .connect()
        .then(() => candidate.query(`LISTEN ${changeChannel}`))
        .then(() => {
          if (client !== candidate) return;
          failures = 0;
          report.watching(true);
        }, lost);
    }

    connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    };
  };
}

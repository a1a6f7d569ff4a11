import { ProviderApiCallError, type UnifiedUser } from '@unidir/core';
import { defineUsersOnlyConnector } from './users-only-connector.js';

export interface GeneratedDirectory {
  /** Cursors of the pages fetched so far, in order (`undefined` is the first page). */
  pagesFetched: Array<string | undefined>;
  /** Signals of every page fetch, to see which ones a stopped reader aborted. */
  signals: AbortSignal[];
  /** Called with each page's raw records as they are made (the stream test keeps weak references). */
  onPage?: (records: object[]) => void;
  /** Awaited before a page (1-based) is answered: lets a test hold a page in flight. */
  beforePage?: (pageNumber: number, signal: AbortSignal) => Promise<void> | undefined;
}

/**
 * A directory of `total` users made on demand, page by page, so a list of any size costs the memory of
 * one page. `failAtPage` (1-based) makes that page fail like a provider outage.
 */
export function createGeneratedConnector(options: { total: number; pageSize: number; failAtPage?: number }) {
  const directory: GeneratedDirectory = { pagesFetched: [], signals: [] };
  const connector = defineUsersOnlyConnector({
    id: 'generated',
    displayName: 'Generated directory',
    client: directory,
    fields: ['id', 'name', 'emails'],
    users: {
      async list(parameters, context) {
        directory.pagesFetched.push(parameters.cursor);
        directory.signals.push(context.signal);
        await directory.beforePage?.(directory.pagesFetched.length, context.signal);
        if (directory.pagesFetched.length === options.failAtPage) {
          throw new ProviderApiCallError({
            message: 'The provider answered 503.',
            providerStatus: 503,
            method: 'GET',
            url: 'https://generated.example.test/users',
          });
        }
        const offset = parameters.cursor === undefined ? 0 : Number(parameters.cursor);
        const size = Math.min(parameters.limit ?? options.pageSize, options.total - offset);
        const raws = Array.from({ length: size }, (_, index) => ({
          key: offset + index,
          label: `Generated ${offset + index}`,
          padding: 'x'.repeat(512),
        }));
        directory.onPage?.(raws);
        return {
          records: raws.map((raw) => ({
            unified: {
              id: `user-${raw.key}`,
              name: raw.label,
              emails: [{ email: `user${raw.key}@generated.test` }],
            } satisfies UnifiedUser,
            raw,
          })),
          nextCursor: offset + size < options.total ? String(offset + size) : null,
        };
      },
    },
  });
  return { connector, directory };
}

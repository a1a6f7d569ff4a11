import { ChangeAwareCache } from '../storage/change-aware-cache.js';
import type { ApiTokenRow, Store } from '../storage/store.js';

/** The API-token lookup every authenticated request makes. */
export type ApiTokenLookup = (tokenHash: string) => Promise<ApiTokenRow | undefined>;

/**
 * Found tokens are remembered by hash until a change to them is heard (a revocation, here or in another
 * process; see ChangeAwareCache for the bound). Unknown bearer values always reach the database and cannot
 * fill the cache.
 */
export function createApiTokenLookup(
  store: Pick<Store, 'findApiToken' | 'changes'>,
  now: () => number = Date.now,
): ApiTokenLookup {
  const found = new ChangeAwareCache<ApiTokenRow>({
    changes: store.changes,
    table: 'api_tokens',
    idOf: (row) => row.id,
    now,
  });
  return (tokenHash) => found.get(tokenHash, () => store.findApiToken(tokenHash));
}

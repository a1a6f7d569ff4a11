import type { ApiTokenRow, Store } from '../storage/store.js';

/**
 * How long a found token is trusted without asking the database again. Tokens are removed only in the
 * database (the API has no revocation), so a removed token stops working at most this long afterwards.
 */
export const apiTokenCacheTtlMs = 5_000;
const maxCachedTokens = 1000;

/**
 * The API-token lookup every authenticated request makes, remembered briefly by token hash. Only tokens
 * that exist are remembered: unknown bearer values always reach the database and cannot fill the cache.
 */
export function createApiTokenLookup(
  store: Pick<Store, 'findApiToken'>,
  now: () => number = Date.now,
): (tokenHash: string) => Promise<ApiTokenRow | undefined> {
  const found = new Map<string, { row: ApiTokenRow; expiresAt: number }>();
  return async (tokenHash) => {
    const cached = found.get(tokenHash);
    if (cached && cached.expiresAt > now()) return cached.row;
    found.delete(tokenHash);
    const row = await store.findApiToken(tokenHash);
    if (!row) return undefined;
    if (found.size >= maxCachedTokens) {
      const oldest = found.keys().next().value;
      if (oldest !== undefined) found.delete(oldest);
    }
    found.set(tokenHash, { row, expiresAt: now() + apiTokenCacheTtlMs });
    return row;
  };
}

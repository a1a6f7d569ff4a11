import type { ApiTokenRow, Store } from '../storage/store.js';

/**
 * How long a found token is trusted without asking the database again: a token revoked by another process
 * stops working here at most this long afterwards (at once in the process that revoked it).
 */
export const apiTokenCacheTtlMs = 5_000;
const maxCachedTokens = 1000;

/**
 * The API-token lookup every authenticated request makes, remembered briefly by token hash. Only tokens
 * that exist are remembered: unknown bearer values always reach the database and cannot fill the cache.
 */
export interface ApiTokenLookup {
  (tokenHash: string): Promise<ApiTokenRow | undefined>;
  /** Drops a token from this process's memory at once (it was revoked here). */
  forget(tokenId: string): void;
}

export function createApiTokenLookup(
  store: Pick<Store, 'findApiToken'>,
  now: () => number = Date.now,
): ApiTokenLookup {
  const found = new Map<string, { row: ApiTokenRow; expiresAt: number }>();
  const lookup = async (tokenHash: string) => {
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
  return Object.assign(lookup, {
    forget(tokenId: string) {
      for (const [hash, entry] of found) if (entry.row.id === tokenId) found.delete(hash);
    },
  });
}

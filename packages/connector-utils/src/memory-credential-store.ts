import type { CredentialStore, StoredToken } from '@unidir/core';

export interface MemoryCredentialStore extends CredentialStore {
  /** The reason given to markNeedsReauth, until credentials are saved again. */
  readonly needsReauthReason: string | undefined;
}

/** A CredentialStore for one process: the default, and what tests use. Locks are per key, FIFO. */
export function createMemoryCredentialStore(
  initialCredentials: Record<string, unknown> = {},
): MemoryCredentialStore {
  const tokens = new Map<string, StoredToken>();
  const lockTails = new Map<string, Promise<unknown>>();
  let credentials = structuredClone(initialCredentials);
  let needsReauthReason: string | undefined;

  return {
    get needsReauthReason() {
      return needsReauthReason;
    },
    async loadToken(cacheKey) {
      const token = tokens.get(cacheKey);
      return token === undefined ? undefined : { ...token };
    },
    async saveToken(cacheKey, token) {
      tokens.set(cacheKey, { ...token });
    },
    async loadCredentials() {
      return structuredClone(credentials);
    },
    async saveCredentials(next) {
      credentials = structuredClone(next);
      needsReauthReason = undefined;
    },
    async withLock(key, task) {
      const previous = lockTails.get(key) ?? Promise.resolve();
      const run = previous.then(task, task);
      const tail = run.catch(() => undefined);
      lockTails.set(key, tail);
      try {
        return await run;
      } finally {
        if (lockTails.get(key) === tail) lockTails.delete(key);
      }
    },
    async markNeedsReauth(reason) {
      needsReauthReason = reason;
    },
  };
}

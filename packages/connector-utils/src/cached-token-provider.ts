import {
  type ConnectorLogger,
  type CredentialStore,
  ProviderAuthFailedError,
  type StoredToken,
} from '@unidir/core';
import { createMemoryCredentialStore } from './memory-credential-store.js';
import { isInvalidGrant } from './token-endpoint.js';
import type { TokenProvider } from './token-provider.js';

export const defaultRefreshMarginMs = 5 * 60 * 1000;
export const refreshFailureCoolDownMs = 30_000;

export interface CachedTokenProviderOptions {
  /** Everything that makes a token distinct (tenant, client, subject, scopes): T5. */
  cacheKey: string;
  credentialStore?: CredentialStore;
  refreshMarginMs?: number;
  now?: () => number;
  logger?: ConnectorLogger;
  /** Asks the token endpoint, given the account's credentials as currently stored. */
  obtain(credentials: Record<string, unknown>): Promise<StoredToken>;
}

interface KeyState {
  inFlight?: Promise<StoredToken>;
  coolDown?: { until: number; error: ProviderAuthFailedError };
}

/** In-process single-flight (T1) is per store and key, so every provider built over one store shares it. */
const keyStates = new WeakMap<CredentialStore, Map<string, KeyState>>();

function stateFor(store: CredentialStore, cacheKey: string): KeyState {
  let states = keyStates.get(store);
  if (states === undefined) {
    states = new Map();
    keyStates.set(store, states);
  }
  let state = states.get(cacheKey);
  if (state === undefined) {
    state = {};
    states.set(cacheKey, state);
  }
  return state;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The caching and refresh discipline shared by every token grant: a token is refreshed `refreshMarginMs`
 * before it expires (T3); one refresh per key runs at a time in the process (T1) and, through the store's
 * lock plus a re-read of the stored token, across processes (T2); an `invalid_grant` is believed only after
 * the stored credentials are re-read and found unchanged, then the account is marked for re-auth and the
 * endpoint is left alone for a cool-down (T4).
 */
export function createCachedTokenProvider(options: CachedTokenProviderOptions): TokenProvider {
  const store = options.credentialStore ?? createMemoryCredentialStore();
  const now = options.now ?? Date.now;
  const marginMs = options.refreshMarginMs ?? defaultRefreshMarginMs;
  const { cacheKey } = options;
  let current: StoredToken | undefined;

  // Not a type guard: a token that is not usable now still exists, and later checks compare it.
  const usable = (token: StoredToken | undefined, rejected: string | undefined): StoredToken | undefined =>
    token !== undefined && token.expiresAt - marginMs > now() && token.accessToken !== rejected
      ? token
      : undefined;

  async function obtainAndStore(credentials: Record<string, unknown>): Promise<StoredToken> {
    const token = await options.obtain(credentials);
    await store.saveToken(cacheKey, token);
    options.logger?.debug({ cacheKey, expiresAt: token.expiresAt }, 'obtained provider access token');
    return token;
  }

  async function refreshUnderLock(rejected: string | undefined): Promise<StoredToken> {
    const stored = await store.loadToken(cacheKey);
    // Another process (or an earlier holder of the lock) may have refreshed while we waited.
    const storedUsable = usable(stored, rejected);
    if (storedUsable !== undefined) return storedUsable;
    const credentials = await store.loadCredentials();
    try {
      return await obtainAndStore(credentials);
    } catch (error) {
      if (!isInvalidGrant(error)) throw error;
      const storedAfter = await store.loadToken(cacheKey);
      const storedAfterUsable = usable(storedAfter, rejected);
      if (storedAfterUsable !== undefined && storedAfterUsable.accessToken !== stored?.accessToken) {
        return storedAfterUsable;
      }
      const credentialsAfter = await store.loadCredentials();
      if (JSON.stringify(credentialsAfter) !== JSON.stringify(credentials)) {
        // Someone rotated the grant while we used the old one: theirs is the one to use.
        try {
          return await obtainAndStore(credentialsAfter);
        } catch (retryError) {
          if (!isInvalidGrant(retryError)) throw retryError;
        }
      }
      const reason = 'The provider rejected the stored grant (invalid_grant).';
      await store.markNeedsReauth(reason);
      throw new ProviderAuthFailedError({
        message: `${reason} A person must connect the integrated account again.`,
        needsReauth: true,
        providerStatus: (error as ProviderAuthFailedError).details?.provider_status as number | undefined,
      });
    }
  }

  async function refresh(state: KeyState, rejected: string | undefined): Promise<StoredToken> {
    if (state.coolDown !== undefined && state.coolDown.until > now()) throw state.coolDown.error;
    try {
      const token = await store.withLock(`token:${cacheKey}`, () => refreshUnderLock(rejected));
      state.coolDown = undefined;
      return token;
    } catch (error) {
      if (error instanceof ProviderAuthFailedError) {
        state.coolDown = { until: now() + refreshFailureCoolDownMs, error };
      }
      throw error;
    }
  }

  return {
    async getToken(getOptions = {}) {
      const rejected = getOptions.forceRefresh
        ? (getOptions.rejectedToken ?? current?.accessToken)
        : undefined;
      const cached = usable(current, rejected);
      if (cached !== undefined) return cached.accessToken;
      const state = stateFor(store, cacheKey);
      if (state.inFlight === undefined) {
        const inFlight = refresh(state, rejected).finally(() => {
          if (state.inFlight === inFlight) state.inFlight = undefined;
        });
        state.inFlight = inFlight;
      }
      // One caller giving up must not cancel the refresh the others are waiting for.
      current = await untilAborted(state.inFlight, getOptions.signal);
      return current.accessToken;
    },
    cachedToken: () => usable(current, undefined)?.accessToken,
  };
}

import type { ConnectorLogger, CredentialStore } from '@unidir/core';

export interface GetTokenOptions {
  /** Obtain a new token even if the cached one looks valid (the provider answered 401). */
  forceRefresh?: boolean;
  /**
   * The token the provider just rejected. A forced refresh is skipped when the cache already holds a
   * different one: a concurrent caller refreshed first, so one 401 storm causes one token request.
   */
  rejectedToken?: string;
  signal?: AbortSignal;
}

export interface TokenProvider {
  /** A valid access token; refreshes single-flight when missing or expiring (T1, T3). */
  getToken(options?: GetTokenOptions): Promise<string>;
  /**
   * The token `getToken()` would answer at once, without waiting or asking anyone; undefined when it would
   * have to refresh. Lets a caller skip arming timeouts for the common, cached case.
   */
  cachedToken?(): string | undefined;
}

/** What every token grant needs to reach its endpoint and cache what it obtains. */
export interface TokenEndpointOptions {
  tokenUrl: string;
  /** Everything that makes a token distinct (tenant, client id, subject, scopes): T5. */
  cacheKey: string;
  credentialStore?: CredentialStore;
  dispatcher?: unknown;
  allowInsecure?: boolean;
  refreshMarginMs?: number;
  now?: () => number;
  logger?: ConnectorLogger;
}

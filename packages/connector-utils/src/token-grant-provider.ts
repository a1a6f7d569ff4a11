import type { StoredToken } from '@unidir/core';
import { createCachedTokenProvider } from './cached-token-provider.js';
import { parseProviderUrl } from './provider-url.js';
import { type IssuedToken, requestToken, type TokenRequestOptions } from './token-endpoint.js';
import type { TokenEndpointOptions, TokenProvider } from './token-provider.js';

/** What a grant sends to the token endpoint; the endpoint, dispatcher and clock come from its options. */
export type TokenGrantRequest = Pick<
  TokenRequestOptions,
  'form' | 'secrets' | 'repeatableAfterPossibleEffect'
>;

export interface TokenGrant {
  /** Builds the grant's form from the stored credentials, sends it, and returns the token to cache. */
  obtain(
    credentials: Record<string, unknown>,
    sendGrant: (request: TokenGrantRequest) => Promise<IssuedToken>,
  ): Promise<StoredToken>;
}

/**
 * What every grant shares: the token URL is checked once when the provider is built, and every token it
 * obtains goes through the same cache and the same endpoint request; a grant only decides what to send.
 */
export function createTokenGrantProvider(options: TokenEndpointOptions, grant: TokenGrant): TokenProvider {
  const tokenUrl = parseProviderUrl(options.tokenUrl, {
    allowInsecure: options.allowInsecure,
    what: 'token URL',
  });
  const now = options.now ?? Date.now;
  return createCachedTokenProvider({
    ...options,
    obtain: (credentials) =>
      grant.obtain(credentials, (request) =>
        requestToken({ ...request, tokenUrl, dispatcher: options.dispatcher, now }),
      ),
  });
}

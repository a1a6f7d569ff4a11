import type { TokenProvider } from './token-provider.js';

/** An API token that never changes (an Okta SSWS token, a test). A 401 with it is final. */
export function createStaticTokenProvider(token: string): TokenProvider {
  return { getToken: async () => token, cachedToken: () => token };
}

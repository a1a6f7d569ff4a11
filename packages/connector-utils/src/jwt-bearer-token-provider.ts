import { createCachedTokenProvider } from './cached-token-provider.js';
import { parseProviderUrl } from './provider-url.js';
import { signJwtRs256 } from './sign-jwt.js';
import { requestToken } from './token-endpoint.js';
import type { TokenEndpointOptions, TokenProvider } from './token-provider.js';

export interface JwtBearerTokenProviderOptions extends TokenEndpointOptions {
  clientEmail: string;
  privateKey: string;
  /** The user to act as (Google domain-wide delegation). */
  subject?: string;
  scopes: readonly string[];
  /** Default: the token URL. */
  audience?: string;
}

const jwtBearerGrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most an hour. */
const assertionLifetimeSeconds = 3600;

/** The JWT-bearer grant of RFC 7523 (a Google service account), signed RS256 with node:crypto. */
export function createJwtBearerTokenProvider(options: JwtBearerTokenProviderOptions): TokenProvider {
  const tokenUrl = parseProviderUrl(options.tokenUrl, {
    allowInsecure: options.allowInsecure,
    what: 'token URL',
  });
  const now = options.now ?? Date.now;
  return createCachedTokenProvider({
    ...options,
    async obtain() {
      const issuedAt = Math.floor(now() / 1000);
      const claims: Record<string, unknown> = {
        iss: options.clientEmail,
        scope: options.scopes.join(' '),
        aud: options.audience ?? options.tokenUrl,
        iat: issuedAt,
        exp: issuedAt + assertionLifetimeSeconds,
      };
      if (options.subject !== undefined) claims.sub = options.subject;
      const assertion = signJwtRs256(claims, options.privateKey);
      const { refreshToken: _unused, ...token } = await requestToken({
        tokenUrl,
        form: { grant_type: jwtBearerGrantType, assertion },
        dispatcher: options.dispatcher,
        secrets: [assertion, options.privateKey],
        repeatableAfterPossibleEffect: true,
        now,
      });
      return token;
    },
  });
}

import { signJwtRs256 } from './sign-jwt.js';
import { createTokenGrantProvider } from './token-grant-provider.js';
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
  const now = options.now ?? Date.now;
  return createTokenGrantProvider(options, {
    async obtain(_credentials, sendGrant) {
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
      const { refreshToken: _unused, ...token } = await sendGrant({
        form: { grant_type: jwtBearerGrantType, assertion },
        secrets: [assertion, options.privateKey],
        repeatableAfterPossibleEffect: true,
      });
      return token;
    },
  });
}

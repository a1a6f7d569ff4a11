import { type KeyObject, randomBytes, verify } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@unidir/testkit';
import { googleError, invalidCredentials } from './google-workspace-fake-errors.js';

export const jwtBearerGrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The audience Google's own clients sign for, whatever URL they post to. */
export const googleTokenAudience = 'https://oauth2.googleapis.com/token';
/** Google caps a service-account assertion (and the token it buys) at one hour. */
const maximumAssertionLifetimeSeconds = 3600;
/** Clock skew Google tolerates on `iat`. */
const allowedSkewSeconds = 300;

export interface FakeServiceAccount {
  clientEmail: string;
  publicKey: KeyObject;
}

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** The administrator who connected the account. */
  subject: string;
}

export interface AccessGrant {
  subject: string | undefined;
  scopes: ReadonlySet<string>;
  expiresAt: number;
}

export interface FakeTokenIssuerOptions {
  serviceAccounts: readonly FakeServiceAccount[];
  oauthClients: readonly FakeOAuthClient[];
  /** The scopes an admin authorized for the service account under domain-wide delegation. */
  delegatedScopes: ReadonlySet<string>;
  /** Audiences accepted besides Google's own: the fake's token URL, known once it listens. */
  audiences: () => readonly string[];
  /** Whether this address is a user of the domain (a service account may only act as one). */
  isDomainUser: (email: string) => boolean;
  /** Whether this address may act as a Directory API administrator. */
  isAdministrator: (email: string) => boolean;
  tokenLifetimeSeconds: number;
  now: () => number;
}

const oauthError = (status: number, error: string, description: string): FakeResponse => ({
  status,
  body: { error, error_description: description },
});

const invalidJwtTime = oauthError(
  400,
  'invalid_grant',
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
);

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (segment === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Google's token endpoint (RFC 7523 JWT bearer and refresh tokens) and the bearer check of every API route. */
export class FakeTokenIssuer {
  readonly #options: FakeTokenIssuerOptions;
  readonly #grants = new Map<string, AccessGrant>();

  constructor(options: FakeTokenIssuerOptions) {
    this.#options = options;
  }

  /** Issues a token directly, as if an OAuth consent had happened (for clients that bring their own token). */
  issue(
    subject: string | undefined,
    scopes: Iterable<string>,
  ): { access_token: string; expires_in: number; token_type: 'Bearer' } {
    const accessToken = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    const lifetime = this.#options.tokenLifetimeSeconds;
    this.#grants.set(accessToken, {
      subject,
      scopes: new Set(scopes),
      expiresAt: this.#options.now() + lifetime * 1000,
    });
    return { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' };
  }

  /** Revokes every token issued so far (as if they had expired early). */
  revokeAll(): void {
    this.#grants.clear();
  }

  handleTokenRequest(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.rawBody);
    const grantType = form.get('grant_type');
    if (grantType === jwtBearerGrantType) return this.#exchangeAssertion(form.get('assertion'));
    if (grantType === 'refresh_token') return this.#refresh(form);
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  #exchangeAssertion(assertion: string | null): FakeResponse {
    if (!assertion) return oauthError(400, 'invalid_request', 'Missing required parameter: assertion');
    const [headerPart, claimsPart, signaturePart, ...rest] = assertion.split('.');
    const header = decodeSegment(headerPart);
    const claims = decodeSegment(claimsPart);
    if (!header || !claims || signaturePart === undefined || rest.length > 0) {
      return oauthError(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe',
      );
    }
    const account = this.#options.serviceAccounts.find((candidate) => candidate.clientEmail === claims.iss);
    if (!account) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    const signed = Buffer.from(`${headerPart}.${claimsPart}`);
    const signatureValid =
      header.alg === 'RS256' &&
      verify('sha256', signed, account.publicKey, Buffer.from(signaturePart, 'base64url'));
    if (!signatureValid) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    const audiences = [googleTokenAudience, ...this.#options.audiences()];
    if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
      return oauthError(
        400,
        'invalid_grant',
        `Invalid JWT: Failed audience check. The right audience is ${googleTokenAudience}`,
      );
    }
    const nowSeconds = Math.floor(this.#options.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number') return invalidJwtTime;
    if (iat > nowSeconds + allowedSkewSeconds || exp <= nowSeconds || exp <= iat) return invalidJwtTime;
    if (exp - iat > maximumAssertionLifetimeSeconds) return invalidJwtTime;
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0)
      return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    if (scopes.some((scope) => !this.#options.delegatedScopes.has(scope))) {
      return oauthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
    if (subject !== undefined && !this.#options.isDomainUser(subject)) {
      return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
    }
    return { status: 200, body: this.issue(subject, scopes) };
  }

  #refresh(form: URLSearchParams): FakeResponse {
    const client = this.#options.oauthClients.find(
      (candidate) => candidate.clientId === form.get('client_id'),
    );
    if (!client || client.clientSecret !== form.get('client_secret')) {
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (client.refreshToken !== form.get('refresh_token')) {
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    return {
      status: 200,
      body: {
        ...this.issue(client.subject, this.#options.delegatedScopes),
        scope: [...this.#options.delegatedScopes].join(' '),
      },
    };
  }

  /** The grant behind the request's bearer token, or Google's 401/403 answer. */
  authorize(request: FakeRequest, acceptedScopes: readonly string[]): AccessGrant | FakeResponse {
    const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
    const grant = match?.[1] === undefined ? undefined : this.#grants.get(match[1]);
    if (!grant || grant.expiresAt <= this.#options.now()) return invalidCredentials;
    if (!acceptedScopes.some((scope) => grant.scopes.has(scope))) {
      return googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    }
    if (grant.subject === undefined || !this.#options.isAdministrator(grant.subject)) {
      return googleError(403, 'forbidden', 'Not Authorized to access this resource/api');
    }
    return grant;
  }
}

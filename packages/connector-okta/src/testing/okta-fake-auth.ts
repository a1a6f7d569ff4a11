import { createPublicKey, createVerify, type KeyObject, randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import { invalidToken } from './okta-fake-responses.js';

export interface FakeOktaAuthorityOptions {
  /** The API token `Authorization: SSWS <token>` must carry; it has every scope. */
  apiToken: string;
  /** The service app: its client id, the public key of its private_key_jwt key pair, and its key id. */
  serviceApp: { clientId: string; publicKeyPem: string; keyId?: string };
  /** The okta.* scopes granted to the service app. */
  grantedScopes: readonly string[];
  tokenLifetimeSeconds: number;
  tls: boolean;
  now: () => number;
}

export interface FakeOktaAuthority {
  /** POST /oauth2/v1/token: client credentials with a private_key_jwt client assertion. */
  route: FakeRoute;
  /** undefined when the request may use a route needing `scope`, else Okta's 401 or 403. */
  reject(request: FakeRequest, scope: string): FakeResponse | undefined;
  /** Whether the request is authenticated with the API token (an admin user) rather than a service app. */
  isApiToken(request: FakeRequest): boolean;
  /** Makes every issued access token invalid. */
  revokeAccessTokens(): void;
  readonly issuedCount: number;
}

interface IssuedToken {
  scopes: Set<string>;
  expiresAt: number;
}

/** Longest assertion lifetime Okta accepts (exp - iat), in seconds. */
const maximumAssertionLifetimeSeconds = 3600;

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

function base64urlJson(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Okta's org authorization server for service apps, and the checks every Management API call passes: an
 * `SSWS` API token, or a bearer token issued here whose scopes include the one the route needs. A missing
 * scope is a 403 with no body and `WWW-Authenticate: ... error="insufficient_scope"`, as Okta answers.
 */
export function createFakeOktaAuthority(options: FakeOktaAuthorityOptions): FakeOktaAuthority {
  const publicKey: KeyObject = createPublicKey(options.serviceApp.publicKeyPem);
  const tokens = new Map<string, IssuedToken>();
  const usedAssertionIds = new Set<string>();
  let issuedCount = 0;

  function assertionProblem(assertion: string, audience: string): string | undefined {
    const [headerPart, claimsPart, signature] = assertion.split('.');
    const header = base64urlJson(headerPart);
    const claims = base64urlJson(claimsPart);
    if (!header || !claims || !signature) return 'The client_assertion is not a valid JWT.';
    if (header.alg !== 'RS256')
      return `The client_assertion algorithm ${String(header.alg)} is not allowed for this client.`;
    if (
      options.serviceApp.keyId !== undefined &&
      header.kid !== undefined &&
      header.kid !== options.serviceApp.keyId
    ) {
      return 'The client_assertion kid does not match any key of the client.';
    }
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${headerPart}.${claimsPart}`);
    if (!verifier.verify(publicKey, signature, 'base64url'))
      return 'The client_assertion signature is invalid.';
    if (claims.iss !== options.serviceApp.clientId || claims.sub !== options.serviceApp.clientId) {
      return 'The client_assertion iss and sub must be the client_id.';
    }
    if (claims.aud !== audience) return 'The audience [aud] claim in the client_assertion is invalid.';
    const nowSeconds = Math.floor(options.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds)
      return 'The client_assertion token is expired.';
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : nowSeconds;
    if (claims.exp - issuedAt > maximumAssertionLifetimeSeconds) {
      return 'The client_assertion token has an expiration too far into the future.';
    }
    if (typeof claims.jti !== 'string' || claims.jti.length === 0)
      return 'The client_assertion must have a jti claim.';
    if (usedAssertionIds.has(claims.jti))
      return 'The client_assertion token has already been used (jti replay).';
    usedAssertionIds.add(claims.jti);
    return undefined;
  }

  function issue(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.rawBody);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    }
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return oauthError(
        401,
        'invalid_client',
        'Client authentication failed: private_key_jwt is required for this client.',
      );
    }
    const problem = assertionProblem(
      form.get('client_assertion') ?? '',
      `${request.baseUrl}/oauth2/v1/token`,
    );
    if (problem) return oauthError(401, 'invalid_client', problem);
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.length === 0)
      return oauthError(400, 'invalid_scope', 'The authorization server requires a scope.');
    const granted = requested.filter((scope) => options.grantedScopes.includes(scope));
    if (granted.length === 0)
      return oauthError(400, 'invalid_scope', 'You are not allowed any of the requested scopes.');
    const accessToken = `eyJ.${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, {
      scopes: new Set(granted),
      expiresAt: options.now() + options.tokenLifetimeSeconds * 1000,
    });
    issuedCount++;
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: options.tokenLifetimeSeconds,
        access_token: accessToken,
        scope: granted.join(' '),
      },
    };
  }

  function bearerToken(request: FakeRequest): IssuedToken | undefined {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const token = match ? tokens.get(match[1]!) : undefined;
    return token && token.expiresAt > options.now() ? token : undefined;
  }

  return {
    route: { name: 'token', method: 'POST', pattern: '/oauth2/v1/token', handle: issue },
    isApiToken: (request) => request.headers.authorization === `SSWS ${options.apiToken}`,
    reject(request, scope) {
      if (request.headers.authorization === `SSWS ${options.apiToken}`) return undefined;
      const token = bearerToken(request);
      if (!token) return invalidToken();
      // Reading needs the .read or the .manage scope of the resource; writing needs .manage.
      const manage = scope.replace(/\.read$/, '.manage');
      if (token.scopes.has(scope) || token.scopes.has(manage)) return undefined;
      const origin = request.baseUrl;
      return {
        status: 403,
        headers: {
          'www-authenticate': `Bearer authorization_uri="${origin}/oauth2/v1/authorize", realm="${origin}", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${request.path}"`,
        },
      };
    },
    revokeAccessTokens: () => tokens.clear(),
    get issuedCount() {
      return issuedCount;
    },
  };
}

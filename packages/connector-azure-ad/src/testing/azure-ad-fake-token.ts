import { createPublicKey, createVerify, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import { graphError } from './azure-ad-fake-responses.js';

export interface FakeTenantApplication {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Certificate auth: the SHA-1 thumbprint (hex) and public key the app registration holds. */
  certificate?: { thumbprint: string; publicKey: KeyObject | string };
  /** The scope client credentials must ask for. */
  scope: string;
}

export interface FakeTokenAuthority {
  route: FakeRoute;
  /** undefined when the request carries a valid access token, else Graph's 401. */
  rejectUnauthenticated(request: FakeRequest): FakeResponse | undefined;
  /** A refresh token for delegated credentials (rotated on every use). */
  issueRefreshToken(): string;
  /** Makes every issued access token invalid, as a revoked session would. */
  revokeAccessTokens(): void;
  /** How many tokens the endpoint issued: tests assert single-flight refresh with it. */
  readonly issuedCount: number;
  /** Whether the request's token came from a refresh token (a signed-in user's), not client credentials. */
  isDelegated(request: FakeRequest): boolean;
}

function bearerOf(request: FakeRequest): string {
  const authorization = request.headers.authorization ?? '';
  return authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
}

function tokenError(status: number, error: string, code: number, description: string): FakeResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function base64urlJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks an RS256 client assertion the way Entra does: x5t, signature, audience, issuer, subject, lifetime. */
function assertionProblem(
  assertion: string,
  application: FakeTenantApplication,
  audience: string,
  nowSeconds: number,
): string | undefined {
  const certificate = application.certificate;
  if (!certificate) return 'The application has no certificate credential.';
  const [headerPart, claimsPart, signaturePart] = assertion.split('.');
  const header = headerPart ? base64urlJson(headerPart) : undefined;
  const claims = claimsPart ? base64urlJson(claimsPart) : undefined;
  if (!header || !claims || !signaturePart) return 'The client assertion is not a well-formed JWT.';
  if (header.alg !== 'RS256') return 'The client assertion must be signed with RS256.';
  if (header.x5t !== Buffer.from(certificate.thumbprint, 'hex').toString('base64url')) {
    return `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t)}']`;
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${headerPart}.${claimsPart}`);
  const publicKey =
    typeof certificate.publicKey === 'string'
      ? createPublicKey(certificate.publicKey)
      : certificate.publicKey;
  if (!verifier.verify(publicKey, Buffer.from(signaturePart, 'base64url'))) {
    return 'Client assertion contains an invalid signature.';
  }
  if (claims.aud !== audience) return `The audience claim must be '${audience}'.`;
  if (claims.iss !== application.clientId || claims.sub !== application.clientId) {
    return 'The iss and sub claims must be the client id.';
  }
  if (typeof claims.exp !== 'number' || claims.exp < nowSeconds)
    return 'Client assertion is not within its valid time range.';
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + 300)
    return 'Client assertion is not within its valid time range.';
  return undefined;
}

/**
 * Entra's v2.0 token endpoint (`POST /{tenant}/oauth2/v2.0/token`) for one app registration:
 * client_credentials with a secret or a certificate assertion, and refresh_token with rotation.
 * Errors are OAuth-shaped with AADSTS codes, as Entra sends them.
 */
export function createFakeTokenAuthority(options: {
  application: FakeTenantApplication;
  tls: boolean;
  tokenLifetimeSeconds: number;
  now: () => number;
}): FakeTokenAuthority {
  const { application } = options;
  const accessTokens = new Map<string, { expiresAt: number; delegated: boolean }>();
  const refreshTokens = new Set<string>();
  let issuedCount = 0;

  const issueRefreshToken = () => {
    const token = `fake-refresh-${randomBytes(24).toString('base64url')}`;
    refreshTokens.add(token);
    return token;
  };

  const issue = (withRefreshToken: boolean): FakeResponse => {
    issuedCount++;
    const accessToken = `fake-access-${randomBytes(24).toString('base64url')}`;
    accessTokens.set(accessToken, {
      expiresAt: options.now() + options.tokenLifetimeSeconds * 1000,
      delegated: withRefreshToken,
    });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: options.tokenLifetimeSeconds,
      ext_expires_in: options.tokenLifetimeSeconds,
      access_token: accessToken,
    };
    if (withRefreshToken) {
      body.refresh_token = issueRefreshToken();
      body.scope = application.scope;
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body,
    };
  };

  const handle = (request: FakeRequest): FakeResponse => {
    if (request.params.tenant !== application.tenantId) {
      return tokenError(400, 'invalid_request', 90002, `Tenant '${request.params.tenant}' not found.`);
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return tokenError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    const form = new URLSearchParams(request.rawBody);
    const grantType = form.get('grant_type');
    if (form.get('client_id') !== application.clientId) {
      return tokenError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id')}' was not found in the directory '${application.tenantId}'.`,
      );
    }
    const assertion = form.get('client_assertion');
    const secret = form.get('client_secret');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
        return tokenError(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
      }
      const audience = `${request.baseUrl}${request.path}`;
      const problem = assertionProblem(assertion, application, audience, Math.floor(options.now() / 1000));
      if (problem) return tokenError(401, 'invalid_client', 700027, problem);
    } else if (secret !== application.clientSecret) {
      if (secret === null && grantType === 'client_credentials') {
        return tokenError(
          401,
          'invalid_client',
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
      }
      if (secret !== null) {
        return tokenError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${application.clientId}'.`,
        );
      }
    }
    if (grantType === 'client_credentials') {
      if (form.get('scope') !== application.scope) {
        return tokenError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${form.get('scope')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      return issue(false);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      if (!refreshTokens.delete(refreshToken)) {
        return tokenError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
      }
      return issue(true);
    }
    return tokenError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  };

  return {
    route: { name: 'token', method: 'POST', pattern: '/:tenant/oauth2/v2.0/token', handle },
    rejectUnauthenticated(request) {
      const token = bearerOf(request);
      const expiresAt = accessTokens.get(token)?.expiresAt;
      if (expiresAt !== undefined && expiresAt > options.now()) return undefined;
      const message =
        token === '' ? 'Access token is empty.' : 'Lifetime validation failed, the token is expired.';
      return graphError(request, 401, 'InvalidAuthenticationToken', message, {
        'www-authenticate':
          'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
      });
    },
    isDelegated: (request) => accessTokens.get(bearerOf(request))?.delegated === true,
    issueRefreshToken,
    revokeAccessTokens: () => accessTokens.clear(),
    get issuedCount() {
      return issuedCount;
    },
  };
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createFakeDirectory,
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  seedId,
  startFakeProviderServer,
} from '@unidir/testkit';
import { type OktaCredentials, type OktaSettings, oktaDefaultScopes } from '../okta-settings.js';
import { createFakeOktaAuthority, type FakeOktaAuthority } from './okta-fake-auth.js';
import type { OktaFakeContext } from './okta-fake-context.js';
import { FakeGroupStore } from './okta-fake-group-store.js';
import { groupRoutes } from './okta-fake-groups.js';
import { orgRoutes } from './okta-fake-org.js';
import { createRateLimiter, type RateLimitOptions } from './okta-fake-rate-limit.js';
import type { OktaFakeDirectory, OktaUserExtras } from './okta-fake-records.js';
import { notFound, oktaRequestId, rateLimited } from './okta-fake-responses.js';
import { userRoutes } from './okta-fake-users.js';

export interface OktaFakeOptions extends FakeDirectoryOptions {
  /** Which credentials `credentials` holds: the API token (default) or the service app's private key. */
  auth?: 'api_token' | 'private_key_jwt';
  /** Serve over https with a throwaway certificate (`server.certificatePem`). */
  tls?: boolean;
  /** Default: random. A fixed value lets tests name the secret that must never leak. */
  apiToken?: string;
  /** Scopes granted to the service app. Default: every scope the connector asks for. */
  grantedScopes?: readonly string[];
  /** Okta's access tokens live an hour; short values exercise refresh. */
  tokenLifetimeSeconds?: number;
  /** Default: 10,000 requests a minute per endpoint family, out of the way unless a test lowers it. */
  rateLimit?: RateLimitOptions;
  /** The Everyone (BUILT_IN) and an app-imported (APP_GROUP) group beside the seeded ones. Default true. */
  builtInGroups?: boolean;
}

export interface OktaFake {
  server: FakeProviderServer;
  directory: OktaFakeDirectory;
  groups: FakeGroupStore;
  /** Credentials of the kind `auth` asked for. */
  credentials: OktaCredentials;
  /** `org_url` = the server's URL. */
  settings: OktaSettings;
  apiToken: string;
  serviceApp: { clientId: string; privateKeyPem: string; keyId: string };
  /** The user the API token acts as: seeded user 0, a super admin. */
  adminUserId: string;
  tokens: Pick<FakeOktaAuthority, 'revokeAccessTokens' | 'issuedCount'>;
  close(): Promise<void>;
}

type ScopedRoute = FakeRoute & { scope: string };

/**
 * Every Management API answer carries X-Okta-Request-Id and the rate-limit headers; a request without a
 * valid token or scope, or beyond the rate limit, is refused before the route runs.
 */
function guarded(
  route: ScopedRoute,
  authority: FakeOktaAuthority,
  limiter: (request: FakeRequest) => { allowed: boolean; headers: Record<string, string> },
): FakeRoute {
  return {
    ...route,
    async handle(request): Promise<FakeResponse> {
      const rate = limiter(request);
      const answer = !rate.allowed
        ? rateLimited()
        : (authority.reject(request, route.scope) ?? (await route.handle(request)));
      return {
        ...answer,
        headers: { ...answer.headers, ...rate.headers, 'x-okta-request-id': oktaRequestId() },
      };
    },
  };
}

/**
 * A loopback Okta org: the Management API's users (with the lifecycle state machine and the two-step
 * delete), groups and memberships, admin roles, org settings, and the org authorization server's token
 * endpoint for service apps (private_key_jwt checked: signature, audience, expiry, jti). Lists are bare
 * arrays paged by `Link: <…after=…>; rel="next"`; errors are Okta's E0000xxx envelope. testkit's faults
 * (429, 5xx, resets, commit-then-fail) apply to every route.
 */
export async function startOktaFake(options: OktaFakeOptions = {}): Promise<OktaFake> {
  const now = options.now ?? Date.now;
  const tls = options.tls ?? false;
  const directory: OktaFakeDirectory = createFakeDirectory<OktaUserExtras>({ ...options, now });
  const apiToken = options.apiToken ?? `00${randomBytes(30).toString('base64url')}`;
  const keyId = 'fake-okta-key-1';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const clientId = '0oa1fakeserviceapp01';
  const authority = createFakeOktaAuthority({
    apiToken,
    serviceApp: { clientId, publicKeyPem: publicKey, keyId },
    grantedScopes: options.grantedScopes ?? oktaDefaultScopes,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    tls,
    now,
  });
  const adminUserId = seedId(directory.seed, 'user', 0);
  const context: OktaFakeContext = {
    directory,
    groups: new FakeGroupStore(directory, now, options.builtInGroups ?? true),
    authority,
    adminUserId,
    tls,
    now,
  };
  const limiter = createRateLimiter(options.rateLimit ?? { limit: 10_000, windowSeconds: 60 }, now);
  const apiRoutes = [...userRoutes(context), ...groupRoutes(context), ...orgRoutes()];
  const server = await startFakeProviderServer({
    routes: [authority.route, ...apiRoutes.map((route) => guarded(route, authority, limiter))],
    tls,
    seed: options.seed,
    host: options.host,
    notFound: (request) => notFound(request.path),
  });
  const serviceApp = { clientId, privateKeyPem: privateKey, keyId };
  const credentials: OktaCredentials =
    options.auth === 'private_key_jwt'
      ? { client_id: clientId, private_key: privateKey, key_id: keyId }
      : { api_token: apiToken };
  return {
    server,
    directory,
    groups: context.groups,
    credentials,
    settings: { org_url: server.url },
    apiToken,
    serviceApp,
    adminUserId,
    tokens: {
      revokeAccessTokens: authority.revokeAccessTokens,
      get issuedCount() {
        return authority.issuedCount;
      },
    },
    close: () => server.close(),
  };
}

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createFakeDirectory,
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type FakeRequest,
  type FakeRoute,
  startFakeProviderServer,
} from '@unidir/testkit';
import type { AzureAdCredentials, AzureAdSettings } from '../azure-ad-settings.js';
import { auditRoutes, FakeAuditLog } from './azure-ad-fake-audits.js';
import { deletedItemRoutes } from './azure-ad-fake-deleted-items.js';
import { GraphGroupStore } from './azure-ad-fake-group-store.js';
import { groupRoutes } from './azure-ad-fake-groups.js';
import type { GraphFakeDirectory, GraphUserOverrides } from './azure-ad-fake-records.js';
import { badRequest } from './azure-ad-fake-responses.js';
import { roleRoutes } from './azure-ad-fake-roles.js';
import type { FakeTenant } from './azure-ad-fake-tenant.js';
import { tenantRoutes } from './azure-ad-fake-tenant-routes.js';
import { createFakeTokenAuthority, type FakeTokenAuthority } from './azure-ad-fake-token.js';
import { type GraphFakeContext, userRoutes } from './azure-ad-fake-users.js';

export interface AzureAdFakeOptions extends FakeDirectoryOptions {
  /** The tenant's verified domain; userPrincipalName must use it. Default `unidir.test`. */
  domain?: string;
  /** Which credentials the fake hands back: an app secret (default), an app certificate, or a delegated refresh token. */
  auth?: 'client_secret' | 'certificate' | 'delegated';
  /** Serve over https with a throwaway certificate (`server.certificatePem`): the official Graph client needs it. */
  tls?: boolean;
  /** The app's client secret; default: random. Fixed values let tests name the secret that must never leak. */
  clientSecret?: string;
  /** The tenant has Entra ID P1/P2 (default true); without it Graph refuses to select signInActivity. */
  premiumLicensed?: boolean;
  /** Access-token lifetime; Entra's is 60-90 minutes. Short values exercise refresh. */
  tokenLifetimeSeconds?: number;
}

export interface AzureAdFake {
  server: FakeProviderServer;
  directory: GraphFakeDirectory;
  /** The tenant's groups as Graph shows them (the seeded ones as changed, and created ones). */
  groups: GraphGroupStore;
  /** The directory audit log: the application's writes through the fake, then seeded events. */
  audits: FakeAuditLog;
  /** The tenant and the application the credentials sign in as. */
  tenant: FakeTenant;
  /** Credentials that sign in to this fake (the secret/key/refresh token are freshly generated). */
  credentials: AzureAdCredentials;
  /** `base_url` = url + '/v1.0', `token_url` = url + '/{tenant}/oauth2/v2.0/token'. */
  settings: AzureAdSettings;
  tenantId: string;
  tokens: Pick<FakeTokenAuthority, 'issueRefreshToken' | 'revokeAccessTokens' | 'issuedCount'>;
  close(): Promise<void>;
}

/** Every Graph route answers 401 InvalidAuthenticationToken without a valid bearer token, as Graph does. */
function requireBearer(route: FakeRoute, authority: FakeTokenAuthority): FakeRoute {
  return { ...route, handle: (request) => authority.rejectUnauthenticated(request) ?? route.handle(request) };
}

/** Graph's answer for a path it has no resource for. */
function segmentNotFound(request: FakeRequest) {
  const segment = request.path.split('/').filter(Boolean).at(-1) ?? '';
  return badRequest(
    request,
    `Resource not found for the segment '${decodeURIComponent(segment)}'.`,
    'BadRequest',
  );
}

/**
 * A loopback Microsoft Graph v1.0 (users, groups, memberships, deleted items) with Entra's token endpoint on
 * the same server, over a deterministic SeededDirectory. It reproduces Graph's behaviour that naive clients
 * trip on: the default projection, OData validation, advanced-query rules, nextLink paging, 201/204, 400 for
 * duplicates, and 401 without a bearer token. testkit's faults (429 + Retry-After, 5xx, stalls) apply to every route.
 */
export async function startAzureAdFake(options: AzureAdFakeOptions = {}): Promise<AzureAdFake> {
  const now = options.now ?? Date.now;
  const tls = options.tls ?? false;
  const directory = createFakeDirectory<GraphUserOverrides>({ ...options, now });
  const tenantId = '11111111-2222-4333-8444-555555555555';
  const clientId = '99999999-8888-4777-8666-555555555555';
  const clientSecret = options.clientSecret ?? `fake~secret.${randomBytes(18).toString('base64url')}`;
  const auth = options.auth ?? 'client_secret';
  let certificateCredentials: { private_key: string; certificate_thumbprint: string } | undefined;
  let certificate: { thumbprint: string; publicKey: string } | undefined;
  if (auth === 'certificate') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    // Entra keys the certificate by the SHA-1 of its DER; the fake has no certificate, so it hashes the key.
    const thumbprint = createHash('sha1').update(publicKey).digest('hex');
    certificate = { thumbprint, publicKey };
    certificateCredentials = { private_key: privateKey, certificate_thumbprint: thumbprint };
  }
  const authority = createFakeTokenAuthority({
    application: {
      tenantId,
      clientId,
      clientSecret,
      certificate,
      scope: 'https://graph.microsoft.com/.default',
    },
    tls,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    now,
  });
  const groups = new GraphGroupStore(directory, now);
  const tenant: FakeTenant = {
    tenantId,
    clientId,
    servicePrincipalId: '33333333-4444-4555-8666-777777777777',
    displayName: 'Unidir Test Tenant',
    applicationName: 'unidir directory sync',
  };
  const audits = new FakeAuditLog(directory, tenant, now);
  const context: GraphFakeContext = {
    directory,
    groups,
    audits,
    tls,
    now,
    premiumLicensed: options.premiumLicensed ?? true,
  };
  const graphRoutes = [
    ...userRoutes(context),
    ...groupRoutes(context),
    ...deletedItemRoutes(context),
    ...roleRoutes(context, tenant),
    ...auditRoutes(context, audits),
    // Last: it ends with the alternate-key route, which matches any single segment under /v1.0.
    ...tenantRoutes(context, tenant, authority.isDelegated),
  ];
  const server = await startFakeProviderServer({
    routes: [authority.route, ...graphRoutes.map((route) => requireBearer(route, authority))],
    tls,
    seed: options.seed,
    notFound: segmentNotFound,
    host: options.host,
  });

  const identity = { tenant_id: tenantId, client_id: clientId };
  const credentials: AzureAdCredentials =
    auth === 'certificate'
      ? { ...identity, ...certificateCredentials! }
      : auth === 'delegated'
        ? { ...identity, client_secret: clientSecret, refresh_token: authority.issueRefreshToken() }
        : { ...identity, client_secret: clientSecret };
  return {
    server,
    directory,
    groups,
    audits,
    tenant,
    credentials,
    settings: { base_url: `${server.url}/v1.0`, token_url: `${server.url}/${tenantId}/oauth2/v2.0/token` },
    tenantId,
    tokens: {
      issueRefreshToken: authority.issueRefreshToken,
      revokeAccessTokens: authority.revokeAccessTokens,
      get issuedCount() {
        return authority.issuedCount;
      },
    },
    close: () => server.close(),
  };
}

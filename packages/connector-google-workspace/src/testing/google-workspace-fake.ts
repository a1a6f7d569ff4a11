import { generateKeyPairSync, type KeyPairKeyObjectResult, randomBytes } from 'node:crypto';
import {
  createFakeDirectory,
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type SeededDirectory,
  type SeedUser,
  startFakeProviderServer,
} from '@unidir/testkit';
import type {
  GoogleWorkspaceOAuthCredentials,
  GoogleWorkspaceServiceAccountCredentials,
} from '../google-workspace-settings.js';
import { createAdminRoutes } from './google-workspace-fake-admin-routes.js';
import { GoogleFakeDirectory, type GoogleUserExtras } from './google-workspace-fake-directory.js';
import { googleError } from './google-workspace-fake-errors.js';
import { createGoogleFakeIds } from './google-workspace-fake-ids.js';
import { createLicensingRoutes } from './google-workspace-fake-licensing.js';
import { createReportsRoutes, GoogleFakeAuditLog } from './google-workspace-fake-reports.js';
import { createDirectoryRoutes } from './google-workspace-fake-routes.js';
import { directoryScopes, otherApiScopes } from './google-workspace-fake-scopes.js';
import { FakeTokenIssuer } from './google-workspace-fake-token.js';

let keyPair: KeyPairKeyObjectResult | undefined;

/** One RSA key pair per process, made at first use and never written anywhere: generating one takes ~0.1-1 s. */
function throwawayKeyPair(): KeyPairKeyObjectResult {
  keyPair ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keyPair;
}

export interface GoogleWorkspaceFakeOptions extends FakeDirectoryOptions {
  /** The Workspace primary domain. Default `unidir.test`. */
  domain?: string;
  /** Access token lifetime; Google's is 3599 s. Short values exercise refresh. */
  tokenLifetimeSeconds?: number;
  /** Scopes authorized for the service account under domain-wide delegation. Default: every scope the fake knows. */
  delegatedScopes?: readonly string[];
  tls?: boolean;
}

export interface GoogleWorkspaceFake {
  server: FakeProviderServer;
  directory: SeededDirectory<GoogleUserExtras>;
  /** Google ids and resources over `directory`. */
  google: GoogleFakeDirectory;
  /** The admin application's audit log the Reports API serves. */
  audit: GoogleFakeAuditLog;
  tokens: FakeTokenIssuer;
  /** A service account key the fake trusts (a throwaway RSA key made at start), acting as `adminEmail`. */
  credentials: GoogleWorkspaceServiceAccountCredentials;
  /** OAuth credentials of an administrator, for accounts connected by consent. */
  oauthCredentials: GoogleWorkspaceOAuthCredentials;
  settings: { base_url: string; token_url: string; licensing_base_url: string };
  /** The super administrator the service account impersonates (not one of the listed users). */
  adminEmail: string;
  close(): Promise<void>;
}

/**
 * A loopback Admin SDK Directory API (users, groups, members, roles, role assignments, customers under
 * /admin/directory/v1), Reports API (activities under /admin/reports/v1) and Enterprise License Manager API
 * (license assignments under /apps/licensing/v1), with Google's token endpoint at /token. Every route needs a bearer token from that endpoint; testkit faults apply to every route.
 */
export async function startGoogleWorkspaceFake(
  options: GoogleWorkspaceFakeOptions = {},
): Promise<GoogleWorkspaceFake> {
  const now = options.now ?? Date.now;
  const directory = createFakeDirectory<GoogleUserExtras>({ ...options, now });
  const adminEmail = `admin@${directory.domain}`.toLowerCase();
  const google = new GoogleFakeDirectory(directory, createGoogleFakeIds(directory.seed), now, adminEmail);
  const audit = new GoogleFakeAuditLog(google);
  const { publicKey, privateKey } = throwawayKeyPair();
  const clientEmail = `unidir-directory@unidir-fake-${directory.seed}.iam.gserviceaccount.com`;
  const oauthCredentials: GoogleWorkspaceOAuthCredentials = {
    client_id: `${directory.seed}-fake.apps.googleusercontent.com`,
    client_secret: `GOCSPX-${randomBytes(18).toString('base64url')}`,
    refresh_token: `1//fake-${randomBytes(24).toString('base64url')}`,
  };
  let tokenUrl = '';
  const tokens = new FakeTokenIssuer({
    serviceAccounts: [{ clientEmail, publicKey }],
    oauthClients: [
      {
        clientId: oauthCredentials.client_id,
        clientSecret: oauthCredentials.client_secret,
        refreshToken: oauthCredentials.refresh_token,
        subject: adminEmail,
      },
    ],
    delegatedScopes: new Set(
      options.delegatedScopes ?? [...Object.values(directoryScopes), ...Object.values(otherApiScopes)],
    ),
    audiences: () => [tokenUrl],
    isDomainUser: (email) => email.toLowerCase() === adminEmail || directory.userByEmail(email) !== undefined,
    isAdministrator: (email) => {
      if (email.toLowerCase() === adminEmail) return true;
      const user: SeedUser | undefined = directory.userByEmail(email);
      return user?.isAdmin === true && !user.suspended;
    },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    now,
  });
  const server = await startFakeProviderServer({
    tls: options.tls,
    host: options.host,
    seed: directory.seed,
    routes: [
      {
        name: 'token',
        method: 'POST',
        pattern: '/token',
        handle: (request) => tokens.handleTokenRequest(request),
      },
      ...createDirectoryRoutes(google, tokens, audit),
      ...createAdminRoutes(google, tokens),
      ...createReportsRoutes(google, tokens, audit),
      ...createLicensingRoutes(google, tokens),
    ],
    notFound: () => googleError(404, 'notFound', 'Not Found'),
  });
  tokenUrl = `${server.url}/token`;
  return {
    server,
    directory,
    google,
    audit,
    tokens,
    credentials: {
      client_email: clientEmail,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      private_key_id: randomBytes(20).toString('hex'),
      subject: adminEmail,
    },
    oauthCredentials,
    settings: { base_url: server.url, token_url: tokenUrl, licensing_base_url: server.url },
    adminEmail,
    close: () => server.close(),
  };
}

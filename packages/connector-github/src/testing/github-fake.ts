import { randomBytes } from 'node:crypto';
import {
  createFakeDirectory,
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type SeededDirectory,
  startFakeProviderServer,
} from '@unidir/testkit';
import { appAndOrganizationRoutes } from './github-fake-app-routes.js';
import { type FakeAppCredentials, GitHubFakeAuth } from './github-fake-auth.js';
import { gitHubError, toFakeRoute } from './github-fake-http.js';
import { type GitHubFakeWorld, memberRoutes } from './github-fake-member-routes.js';
import { GitHubFakeOrganizationState } from './github-fake-organization.js';
import { teamRoutes } from './github-fake-team-routes.js';

export interface GitHubFakeOptions extends FakeDirectoryOptions {
  /** The first organization's login; its members are the seeded directory. Default `unidir-test`. */
  organization?: string;
  /** More organizations over the same people: the first `users` seeded people are their members. */
  otherOrganizations?: ReadonlyArray<{ login: string; users: number }>;
  /** Outside collaborators of each organization. Default 3. */
  outsideCollaborators?: number;
  /** Requests each token may make before GitHub's primary limit answers 403. Default 5,000. */
  rateLimit?: number;
  /** Whether `GET /orgs/{org}` shows `plan` (GitHub shows it to owners only). Default true. */
  planVisible?: boolean;
  personalAccessToken?: string;
  /** Keep only the latest N journal entries (sandbox accounts). */
  journalLimit?: number;
}

export interface GitHubFake {
  server: FakeProviderServer;
  url: string;
  /** The first organization's members. */
  directory: SeededDirectory;
  organizations: ReadonlyMap<string, GitHubFakeOrganizationState>;
  auth: GitHubFakeAuth;
  app: FakeAppCredentials;
  /** An account that signs in with the personal access token. */
  credentials: { token: string };
  /** An account that signs in as the GitHub App's installation. */
  appCredentials: { app_id: string; installation_id: string; private_key: string };
  settings: { base_url: string; organizations: string[] };
  close(): Promise<void>;
}

/**
 * A loopback GitHub REST API (version 2022-11-28) for the endpoints the connector uses: organization members,
 * memberships, invitations, outside collaborators, teams and team memberships, users, the App installation
 * token flow; with Link paging, per-token rate limits and GitHub's error bodies.
 */
export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const now = options.now ?? Date.now;
  const directory = createFakeDirectory(options);
  const outside = options.outsideCollaborators ?? 3;
  const first = new GitHubFakeOrganizationState(
    directory,
    options.organization ?? 'unidir-test',
    5_100_000,
    outside,
  );
  const organizations = new Map<string, GitHubFakeOrganizationState>([
    [first.organization.login.toLowerCase(), first],
  ]);
  for (const [position, other] of (options.otherOrganizations ?? []).entries()) {
    const otherDirectory = createFakeDirectory({ ...options, users: other.users });
    const state = new GitHubFakeOrganizationState(otherDirectory, other.login, 5_100_001 + position, 0);
    organizations.set(other.login.toLowerCase(), state);
  }
  const token = options.personalAccessToken ?? `ghp_${randomBytes(18).toString('base64url')}`;
  const auth = new GitHubFakeAuth(token, options.rateLimit ?? 5000, now);
  let baseUrl = '';
  const world: GitHubFakeWorld = {
    baseUrl: () => baseUrl,
    organization: (login) => organizations.get(login.toLowerCase()),
    people: () => first,
  };
  const routes = [
    ...appAndOrganizationRoutes(world, auth, { planVisible: options.planVisible ?? true }),
    ...memberRoutes(world),
    ...teamRoutes(world),
  ].map((route) => toFakeRoute(route, auth));
  const server = await startFakeProviderServer({
    routes,
    notFound: () => gitHubError(404, 'Not Found'),
    journalLimit: options.journalLimit,
    host: options.host,
  });
  baseUrl = server.url;
  return {
    server,
    url: server.url,
    directory,
    organizations,
    auth,
    app: auth.app,
    credentials: { token },
    appCredentials: {
      app_id: auth.app.appId,
      installation_id: auth.app.installationId,
      private_key: auth.app.privateKeyPem,
    },
    settings: {
      base_url: server.url,
      organizations: [...organizations.values()].map((state) => state.organization.login),
    },
    close: () => server.close(),
  };
}

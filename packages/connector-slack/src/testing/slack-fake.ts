import {
  type FakeProviderServer,
  type SeedGroup,
  type SeedUser,
  startFakeProviderServer,
} from '@unidir/testkit';
import { SlackFakeOrg, type SlackFakeOrgOptions } from './slack-fake-org.js';
import { MethodRateLimiter, type MethodRateLimits } from './slack-fake-rate-limits.js';
import { scimRoutes } from './slack-fake-scim.js';
import { FakeTokenStore, slackAdminScopes } from './slack-fake-tokens.js';
import { oauthRoute, slackError, webApiRoutes } from './slack-fake-web-api.js';
import { slackWebMethods } from './slack-fake-web-methods.js';

export interface SlackFakeOptions extends SlackFakeOrgOptions {
  /** Keep only the latest N journal entries (sandbox fakes). */
  journalLimit?: number;
  /** Requests per minute by Web API method (e.g. `{ 'users.list': 20 }`); beyond it HTTP 429 + Retry-After. */
  rateLimitsPerMinute?: MethodRateLimits;
}

export interface SlackFake {
  readonly server: FakeProviderServer;
  readonly org: SlackFakeOrg;
  readonly directory: SlackFakeOrg['directory'];
  readonly tokens: FakeTokenStore;
  /** An org primary owner's long-lived user token with every admin scope. */
  readonly adminToken: string;
  /** Credentials and settings that point the connector at this fake. */
  readonly credentials: { access_token: string };
  readonly settings: { base_url: string; scim_url: string; token_url: string };
  userId(user: SeedUser): string;
  groupId(group: SeedGroup): string;
  close(): Promise<void>;
}

/**
 * A Slack Enterprise Grid org on loopback: the Web API under `/api/<method>` (GET or POST, form or JSON,
 * `ok:false` errors, scopes per token, cursor paging), SCIM v2 under `/scim/v2`, and oauth.v2.access for
 * token rotation.
 */
export async function startSlackFake(options: SlackFakeOptions = {}): Promise<SlackFake> {
  const org = new SlackFakeOrg(options);
  const tokens = new FakeTokenStore(options.now ?? Date.now);
  let url = '';
  const server = await startFakeProviderServer({
    routes: [
      oauthRoute(tokens),
      ...webApiRoutes(
        tokens,
        slackWebMethods(org),
        new MethodRateLimiter(options.rateLimitsPerMinute ?? {}, options.now ?? Date.now),
      ),
      ...scimRoutes(org, tokens, () => url),
    ],
    notFound: (request) =>
      request.path.startsWith('/api/')
        ? { status: 200, body: slackError('unknown_method') }
        : {
            status: 404,
            body: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              detail: 'Not found',
              status: '404',
            },
          },
    journalLimit: options.journalLimit,
    host: options.host,
  });
  url = server.url;
  const primaryOwner = org.directory.listUsers({ offset: 0, limit: 1 }).users[0];
  const adminToken = tokens.issue(primaryOwner ? org.userIdOf(primaryOwner) : 'W00000000', slackAdminScopes);
  return {
    server,
    org,
    directory: org.directory,
    tokens,
    adminToken,
    credentials: { access_token: adminToken },
    settings: {
      base_url: `${server.url}/api`,
      scim_url: `${server.url}/scim/v2`,
      token_url: `${server.url}/api/oauth.v2.access`,
    },
    userId: (user) => org.userIdOf(user),
    groupId: (group) => org.groupIdOf(group),
    close: () => server.close(),
  };
}

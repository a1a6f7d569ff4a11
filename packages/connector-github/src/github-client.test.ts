import { createCapturingLogger, createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubConnector } from './github-connector.js';
import { startHarness } from './github-test-harness.js';
import { startGitHubFake } from './testing/github-fake.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

const rateLimitMessage = 'API rate limit exceeded for installation.';

describe('github client: throttling and errors', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  const listMembers = (overrides = {}) => harness.users.list!({ limit: 5 }, harness.context(overrides));

  it('waits out a primary limit (403, x-ratelimit-remaining: 0) until x-ratelimit-reset, then lists', async () => {
    harness = await startHarness({ users: 12 });
    harness.fake.server.injectFault({
      route: 'members.list',
      nth: [1],
      fault: {
        kind: 'status',
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
        body: { message: rateLimitMessage },
      },
    });
    const startedAt = Date.now();
    const page = await listMembers();
    expect(page.records).toHaveLength(5);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(200);
    expect(harness.journal()).toEqual([
      `GET /orgs/${harness.organization}/members 403`,
      `GET /orgs/${harness.organization}/members 200`,
    ]);
  });

  for (const status of [403, 429]) {
    it(`waits out a secondary limit (${status} with retry-after), then lists`, async () => {
      harness = await startHarness({ users: 12 });
      harness.fake.server.injectFault({
        route: 'members.list',
        nth: [1],
        fault: {
          kind: 'status',
          status,
          headers: { 'retry-after': '1' },
          body: { message: 'You have exceeded a secondary rate limit.' },
        },
      });
      const startedAt = Date.now();
      expect((await listMembers()).records).toHaveLength(5);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
      expect(harness.fake.server.journal.entries.map((entry) => entry.status)).toEqual([status, 200]);
    });
  }

  it('answers a spent primary window with RateLimitedError when the reset is beyond the call budget', async () => {
    harness = await startHarness({ users: 12, rateLimit: 1 });
    await listMembers();
    const error = await listMembers().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429 });
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0;
    expect(retryAfter).toBeGreaterThan(3000);
    const last = harness.fake.server.journal.entries.at(-1)!;
    expect(harness.fake.server.journal.entries).toHaveLength(2);
    expect(last.status).toBe(403);
  });

  it('repeats an invitation POST after a secondary limit: a rate limit proves it was not processed', async () => {
    harness = await startHarness({ users: 12 });
    harness.fake.server.injectFault({
      route: 'invitations.create',
      nth: [1],
      fault: {
        kind: 'status',
        status: 403,
        headers: { 'retry-after': '0' },
        body: { message: 'secondary rate limit' },
      },
    });
    const created = await harness.users.create!(
      { body: { emails: [{ email: 'newcomer@unidir.test', is_primary: true }] } },
      harness.context(),
    );
    expect(created?.unified).toMatchObject({
      status: 'invited',
      emails: [{ email: 'newcomer@unidir.test' }],
    });
    expect(harness.journal()).toEqual([
      `POST /orgs/${harness.organization}/invitations 403`,
      `POST /orgs/${harness.organization}/invitations 201`,
    ]);
  });

  it('does not retry a permission 403 and reports it with the x-github-request-id', async () => {
    harness = await startHarness({ users: 12 });
    harness.fake.server.injectFault({
      route: 'members.list',
      fault: {
        kind: 'status',
        status: 403,
        headers: { 'x-github-request-id': 'C0DE:1:2:3:4', 'x-ratelimit-remaining': '4990' },
        body: {
          message: 'Must have admin rights to Organization.',
          documentation_url: 'https://docs.github.com/rest',
        },
      },
    });
    const error = await listMembers().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'ProviderApiCallError',
      code: 'provider_rejected_request',
      httpStatus: 403,
      details: { provider_status: 403, provider_request_id: 'C0DE:1:2:3:4' },
    });
    expect((error as Error).message).toContain('Must have admin rights to Organization.');
    expect(harness.fake.server.journal.entries).toHaveLength(1);
  });

  it('maps a rejected token to ProviderAuthFailedError without repeating it or leaking it', async () => {
    const fake = await startGitHubFake({ users: 3 });
    harness = { fake } as Harness;
    const client = createLoopbackClient(createGitHubConnector(), {
      credentials: { token: 'ghp_revokedTokenValue123' },
      settings: fake.settings,
    });
    const error = await createGitHubConnector().users!.list!(
      { limit: 5 },
      createOperationContext(client),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_auth_failed' });
    expect(JSON.stringify(error) + String(error)).not.toContain('ghp_revokedTokenValue123');
    expect(fake.server.journal.entries.map((entry) => entry.status)).toEqual([401]);
  });
});

describe('github client: GitHub App installation tokens', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  it('buys one installation token with the app JWT, shared by concurrent calls', async () => {
    harness = await startHarness({ users: 12 }, undefined, {}, 'app');
    const pages = await Promise.all(
      Array.from({ length: 5 }, () => harness.users.list!({ limit: 3 }, harness.context())),
    );
    expect(pages.every((page) => page.records.length === 3)).toBe(true);
    expect(harness.fake.server.journal.forRoute('app.installation_token')).toHaveLength(1);
    expect(harness.fake.auth.issuedInstallationTokens).toHaveLength(1);
    const tokenRequest = harness.fake.server.journal.forRoute('app.installation_token')[0]!;
    expect(tokenRequest.path).toBe(`/app/installations/${harness.fake.app.installationId}/access_tokens`);
    expect(tokenRequest.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('buys a new token when GitHub stops accepting the cached one, and repeats the call once', async () => {
    harness = await startHarness({ users: 12 }, undefined, {}, 'app');
    await harness.users.list!({ limit: 3 }, harness.context());
    harness.fake.auth.expireInstallationTokens();
    harness.fake.server.journal.clear();
    const page = await harness.users.list!({ limit: 3 }, harness.context());
    expect(page.records).toHaveLength(3);
    expect(harness.journal()).toEqual([
      `GET /orgs/${harness.organization}/members 401`,
      `POST /app/installations/${harness.fake.app.installationId}/access_tokens 201`,
      `GET /orgs/${harness.organization}/members 200`,
    ]);
  });

  it('reports the app itself as me, through GET /app with the app JWT', async () => {
    harness = await startHarness({ users: 12 }, undefined, {}, 'app');
    const me = await harness.connector.me!.list!({}, harness.context());
    expect(me.records[0]?.unified).toMatchObject({
      id: harness.fake.app.appId,
      username: 'unidir-directory',
      identity_type: 'github_app',
    });
    expect(harness.journal()).toEqual(['GET /app 200']);
  });

  it('reports the token owner as me for a personal access token', async () => {
    harness = await startHarness({ users: 12 });
    const me = await harness.connector.me!.list!({}, harness.context());
    expect(me.records[0]?.unified).toMatchObject({
      identity_type: 'user',
      username: expect.stringMatching(/-0$/),
    });
    expect(harness.journal()).toEqual(['GET /user 200']);
  });

  it('keeps the private key out of logs and errors when GitHub refuses the app JWT', async () => {
    const fake = await startGitHubFake({ users: 3 });
    const other = await startGitHubFake({ users: 3 });
    harness = { fake } as Harness;
    const logger = createCapturingLogger();
    const credentials = { ...fake.appCredentials, private_key: other.appCredentials.private_key };
    await other.close();
    const client = createLoopbackClient(
      createGitHubConnector(),
      { credentials, settings: fake.settings },
      { logger },
    );
    const error = await createGitHubConnector().users!.list!(
      { limit: 5 },
      createOperationContext(client, { logger }),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_auth_failed' });
    const keyBody = credentials.private_key.split('\n')[1]!;
    expect(JSON.stringify(error) + String(error) + JSON.stringify(logger.lines)).not.toContain(keyBody);
    expect(fake.server.journal.entries.map((entry) => `${entry.route} ${entry.status}`)).toEqual([
      'app.installation_token 401',
    ]);
  });
});

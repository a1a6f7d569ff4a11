import { createMemoryCredentialStore } from '@unidir/connector-utils';
import { ProviderAuthFailedError } from '@unidir/core';
import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSlackHttpError, slackPlatformError } from './slack-error.js';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack errors: ok:false bodies mapped by their error code', () => {
  let harness: Harness;
  /** A client for the same fake with another token. */
  const contextWithToken = (token: string) =>
    createOperationContext(
      createLoopbackClient(harness.connector, {
        credentials: { access_token: token },
        settings: harness.fake.settings,
      }),
    );

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('invalid_auth (HTTP 200) → the account must be connected again', async () => {
    const error = await harness.users.get!(
      { id: harness.seedUser(1).id },
      contextWithToken('xoxp-not-a-real-token'),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderAuthFailedError);
    expect(error).toMatchObject({
      code: 'integrated_account_reauth_required',
      httpStatus: 401,
      needsReauth: true,
    });
    expect(harness.fake.server.journal.forRoute('users.info').map((entry) => entry.status)).toEqual([200]);
  });

  it('token_revoked → re-auth, and the token never appears in the error', async () => {
    const token = harness.fake.tokens.issue('W00000000');
    harness.fake.tokens.revoke(token);
    const error = await harness.users.list!({}, contextWithToken(token)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'integrated_account_reauth_required' });
    expect(JSON.stringify(error)).not.toContain(token);
    expect((error as Error).message).not.toContain(token);
  });

  it('missing_scope → 403 naming the scope Slack says is needed', async () => {
    const token = harness.fake.tokens.issue('W00000000', ['users:read']);
    const error = await harness.users.list!(
      { email: harness.seedUser(4).seed.email },
      contextWithToken(token),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_missing_scope', httpStatus: 403 });
    expect((error as Error).message).toContain('users:read.email');
    expect((error as { details?: Record<string, unknown> }).details?.provider_error).toEqual({
      error: 'missing_scope',
      needed: 'users:read.email',
      provided: 'users:read',
    });
  });

  it('user_not_found → 404', async () => {
    await expect(harness.users.get!({ id: 'W0ZZZZZZZ' }, harness.context())).rejects.toMatchObject({
      code: 'not_found',
      httpStatus: 404,
    });
  });

  it('an unknown email is an empty list, not an error (users_not_found)', async () => {
    const page = await harness.users.list!({ email: 'nobody@unidir.test' }, harness.context());
    expect(page).toEqual({ records: [], nextCursor: null });
  });

  it('cannot_modify_primary_owner → 403 and nothing changes', async () => {
    const { seed, id } = harness.seedUser(0);
    await expect(
      harness.users.delete!({ id, workspace_id: 'T00000000' }, harness.context()),
    ).rejects.toMatchObject({ code: 'provider_rejected_request', httpStatus: 403 });
    expect(harness.fake.org.workspaceIdsOf(seed)).toContain('T00000000');
  });

  it('HTTP 429 with Retry-After on a write is waited out and sent again: Slack applied it once', async () => {
    const { seed, id } = harness.seedUser(4);
    harness.fake.server.injectFault({
      route: 'admin.users.remove',
      nth: [1],
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { ok: false, error: 'ratelimited' },
      },
    });
    const startedAt = Date.now();
    const result = await harness.users.delete!({ id, workspace_id: 'T00000001' }, harness.context());
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(result.actions[0]?.outcome).toBe('done');
    const calls = harness.fake.server.journal.forRoute('admin.users.remove');
    expect(calls.map((entry) => [entry.status, entry.handled])).toEqual([
      [429, false],
      [200, true],
    ]);
    expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000002']);
  });

  it('refuses a 200 answer that is neither ok:true nor an ok:false error', async () => {
    harness.fake.server.injectFault({
      route: 'users.info',
      fault: { kind: 'status', status: 200, body: { members: [] } },
    });
    await expect(harness.users.get!({ id: harness.seedUser(1).id }, harness.context())).rejects.toMatchObject(
      {
        code: 'provider_invalid_response',
      },
    );
  });

  it('SCIM errors are read from the SCIM error schema: a duplicate userName is a 409 with its detail', async () => {
    const taken = harness.seedUser(3).seed;
    const error = await harness.users.create!(
      { body: { username: taken.username, emails: [{ email: 'fresh@unidir.test', is_primary: true }] } },
      harness.context(),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_rejected_request', httpStatus: 409 });
    expect((error as Error).message).toContain(taken.username);
  });

  it('maps every other error code by what it means for the caller', () => {
    const call = {
      method: 'admin.users.remove',
      httpMethod: 'POST',
      url: 'https://slack.com/api/admin.users.remove',
    };
    const mapped = (error: string) => {
      const unified = slackPlatformError({ ok: false, error }, call);
      return [unified.code, unified.httpStatus, unified.isRetryable];
    };
    expect(mapped('token_expired')).toEqual(['provider_auth_failed', 401, false]);
    expect(mapped('account_inactive')).toEqual(['integrated_account_reauth_required', 401, false]);
    expect(mapped('ratelimited')).toEqual(['rate_limited', 429, true]);
    expect(mapped('not_an_admin')).toEqual(['provider_rejected_request', 403, false]);
    expect(mapped('internal_error')).toEqual(['provider_unavailable', 502, true]);
    expect(mapped('invalid_arguments')).toEqual(['provider_rejected_request', 400, false]);
  });

  it('reads both SCIM error shapes Slack is known to send (v2 schema and v1 Errors)', () => {
    const v2 = parseSlackHttpError({
      status: 400,
      headers: { 'x-slack-req-id': 'req-1' },
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'bad filter',
        status: '400',
        scimType: 'invalidFilter',
      },
    });
    expect(v2).toEqual({ message: 'bad filter', providerCode: 'invalidFilter', requestId: 'req-1' });
    const v1 = parseSlackHttpError({
      status: 404,
      headers: {},
      body: { Errors: { description: 'no_such_user', code: 404 } },
    });
    expect(v1.message).toBe('no_such_user');
  });
});

describe('slack throttling', () => {
  it("stops at once with rate_limited when Slack's Retry-After does not fit the call's budget", async () => {
    const harness = await startHarness({ rateLimitsPerMinute: { 'users.list': 1 } });
    try {
      await harness.users.list!({ limit: 5 }, harness.context());
      const error = await harness.users.list!({ limit: 5 }, harness.context()).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429 });
      expect((error as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(50);
      expect(harness.fake.server.journal.forRoute('users.list').map((entry) => entry.status)).toEqual([
        200, 429,
      ]);
    } finally {
      await harness.fake.close();
    }
  });
});

describe('slack token rotation', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('refreshes through oauth.v2.access, stores the rotated refresh token, and refreshes again when the 12-hour token expires', async () => {
    let now = Date.now();
    const client = {
      clientId: '1234.5678',
      clientSecret: 'rotation-client-secret',
      expiresInSeconds: 43_200,
    };
    const refreshToken = harness.fake.tokens.enableRotation(client, 'W00000000');
    const credentials = {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: refreshToken,
    };
    const credentialStore = createMemoryCredentialStore(credentials);
    const rotating = createLoopbackClient(
      harness.connector,
      { credentials, settings: harness.fake.settings },
      { credentialStore, now: () => now },
    );
    const context = () => createOperationContext(rotating, { deadline: now + 30_000 });
    await harness.users.get!({ id: harness.seedUser(1).id }, context());
    await harness.users.get!({ id: harness.seedUser(2).id }, context());
    expect(harness.fake.tokens.refreshCount).toBe(1);
    const stored = await credentialStore.loadCredentials();
    expect(stored.refresh_token).not.toBe(refreshToken);
    expect(String(stored.refresh_token)).toMatch(/^xoxe-1-/);
    const form = new URLSearchParams(
      String(harness.fake.server.journal.forRoute('oauth.v2.access')[0]?.body),
    );
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('client_id')).toBe(client.clientId);

    now += 12 * 60 * 60 * 1000;
    await harness.users.get!({ id: harness.seedUser(1).id }, context());
    expect(harness.fake.tokens.refreshCount).toBe(2);
    const rotatedAgain = await credentialStore.loadCredentials();
    expect(rotatedAgain.refresh_token).not.toBe(stored.refresh_token);
  });
});

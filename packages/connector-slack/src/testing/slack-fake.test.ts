import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from './slack-fake.js';

/** What the fake does on the wire, checked with plain HTTP: the shapes a naive client trips over. */
describe('the Slack fake on the wire', () => {
  let fake: SlackFake;
  /** `token` null sends no Authorization header. */
  const call = (path: string, init: RequestInit = {}, token: string | null = fake.adminToken) =>
    fetch(`${fake.server.url}${path}`, {
      ...init,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...init.headers },
    });
  const json = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  });

  beforeEach(async () => {
    fake = await startSlackFake({ users: 30 });
  });
  afterEach(() => fake.close());

  it('takes arguments from the query, a form body or a JSON body alike', async () => {
    const user = 'W00000003';
    const byQuery = await json(await call(`/api/users.info?user=${user}`));
    const byForm = await json(
      await call('/api/users.info', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=${user}`,
      }),
    );
    const byJson = await json(
      await call('/api/users.info', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ user }),
      }),
    );
    for (const answer of [byQuery, byForm, byJson]) {
      expect(answer).toMatchObject({ status: 200, body: { ok: true, user: { id: user } } });
    }
  });

  it('answers errors as HTTP 200 with ok:false: not_authed, invalid_auth, token_expired', async () => {
    expect(await json(await call('/api/users.list', {}, null))).toEqual({
      status: 200,
      body: { ok: false, error: 'not_authed' },
    });
    expect((await json(await call('/api/users.list', {}, 'xoxp-nope'))).body).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    const rotationClient = { clientId: 'c', clientSecret: 's', expiresInSeconds: 0 };
    const refreshToken = fake.tokens.enableRotation(rotationClient, 'W00000000');
    const issued = await json(
      await call(
        '/api/oauth.v2.access',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: 'c',
            client_secret: 's',
            refresh_token: refreshToken,
          }).toString(),
        },
        null,
      ),
    );
    expect(issued.body).toMatchObject({ ok: true, token_type: 'user', expires_in: 0 });
    const expired = await json(await call('/api/users.list?limit=1', {}, issued.body.access_token as string));
    expect(expired.body).toEqual({ ok: false, error: 'token_expired' });
  });

  it('reports the token scopes, and names the needed one on missing_scope', async () => {
    const token = fake.tokens.issue('W00000000', ['users:read']);
    const response = await call('/api/usergroups.list', {}, token);
    expect(response.headers.get('x-oauth-scopes')).toBe('users:read');
    expect(response.headers.get('x-accepted-oauth-scopes')).toBe('usergroups:read');
    expect((await json(response)).body).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'usergroups:read',
      provided: 'users:read',
    });
  });

  it('pages users.list with Slack-shaped cursors, ending with an empty next_cursor', async () => {
    const first = (await json(await call('/api/users.list?limit=20'))).body;
    const cursor = (first.response_metadata as { next_cursor: string }).next_cursor;
    expect(Buffer.from(cursor, 'base64').toString()).toBe('user:W0000000K');
    const second = (await json(await call(`/api/users.list?limit=20&cursor=${encodeURIComponent(cursor)}`)))
      .body;
    expect((second.members as unknown[]).length).toBe(10);
    expect(second.response_metadata).toEqual({ next_cursor: '' });
    expect((await json(await call('/api/users.list?cursor=bm9wZQ=='))).body).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
  });

  it('asks for a limit when users.list would answer more than 1000 users at once', async () => {
    const large = await startSlackFake({ users: 1001 });
    try {
      const response = await fetch(`${large.server.url}/api/users.list`, {
        headers: { authorization: `Bearer ${large.adminToken}` },
      });
      expect(await response.json()).toEqual({ ok: false, error: 'limit_required' });
    } finally {
      await large.close();
    }
  });

  it('answers SCIM errors in the SCIM error schema: bad token 401, unknown user 404, unmatched remove 400 noTarget', async () => {
    const unauthorised = await json(await call('/scim/v2/Users/W00000001', {}, 'xoxp-nope'));
    expect(unauthorised).toEqual({
      status: 401,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        detail: 'invalid_authentication',
        status: '401',
      },
    });
    expect((await json(await call('/scim/v2/Users/W0ZZZZZZZ'))).status).toBe(404);
    const noTarget = await json(
      await call('/scim/v2/Groups/S00000000', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'remove', path: 'members[value eq "W00000001"]' }],
        }),
      }),
    );
    expect(noTarget).toMatchObject({ status: 400, body: { scimType: 'noTarget' } });
  });

  it('deactivates on SCIM DELETE (users.info then says deleted), and a second DELETE is 404', async () => {
    expect((await call('/scim/v2/Users/W00000001', { method: 'DELETE' })).status).toBe(204);
    expect((await json(await call('/api/users.info?user=W00000001'))).body).toMatchObject({
      user: { deleted: true },
    });
    expect((await call('/scim/v2/Users/W00000001', { method: 'DELETE' })).status).toBe(404);
    const scimUser = await json(await call('/scim/v2/Users/W00000001'));
    expect(scimUser.body.active).toBe(false);
  });

  it('replaces the whole member list on usergroups.users.update, as Slack does', async () => {
    const response = await json(
      await call('/api/usergroups.users.update', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ usergroup: 'S00000001', users: 'W00000002,W00000003' }),
      }),
    );
    expect(response.body).toMatchObject({
      ok: true,
      usergroup: { id: 'S00000001', users: ['W00000002', 'W00000003'] },
    });
    const members = await json(await call('/api/usergroups.users.list?usergroup=S00000001'));
    expect(members.body.users).toEqual(['W00000002', 'W00000003']);
  });

  it('pages SCIM Users and Groups as ListResponses (bots are not SCIM users)', async () => {
    const users = (await json(await call('/scim/v2/Users?startIndex=21&count=5'))).body;
    expect(users).toMatchObject({ totalResults: 29, itemsPerPage: 5, startIndex: 21 });
    expect((users.Resources as Array<{ id: string }>).map((user) => user.id)).toEqual([
      'W0000000L',
      'W0000000M',
      'W0000000N',
      'W0000000O',
      'W0000000P',
    ]);
    const groups = (await json(await call('/scim/v2/Groups'))).body;
    expect(groups).toMatchObject({
      totalResults: 3,
      Resources: [{ id: 'S00000000' }, { id: 'S00000001' }, { id: 'S00000002' }],
    });
  });

  it('throttles a method beyond its per-minute budget with 429, Retry-After and ok:false ratelimited', async () => {
    let now = Date.parse('2026-01-05T10:00:00Z');
    const throttled = await startSlackFake({
      users: 5,
      rateLimitsPerMinute: { 'users.info': 2 },
      now: () => now,
    });
    try {
      const info = () =>
        fetch(`${throttled.server.url}/api/users.info?user=W00000001`, {
          headers: { authorization: `Bearer ${throttled.adminToken}` },
        });
      expect((await info()).status).toBe(200);
      now += 20_000;
      expect((await info()).status).toBe(200);
      const refused = await info();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('40');
      expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
      now += 40_000;
      expect((await info()).status).toBe(200);
    } finally {
      await throttled.close();
    }
  });
});

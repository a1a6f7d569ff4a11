import {
  type AdminTeamsListResponse,
  ErrorCode,
  type UsergroupsListResponse,
  type UsersListResponse,
  WebClient,
} from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from './slack-fake.js';

/** The official @slack/web-api client, pointed at the fake: the fake answers the way the SDK expects Slack to. */
describe('the Slack fake through @slack/web-api 8', () => {
  let fake: SlackFake;
  const client = (token = fake.adminToken, options: ConstructorParameters<typeof WebClient>[1] = {}) =>
    new WebClient(token, {
      slackApiUrl: `${fake.server.url}/api/`,
      retryConfig: { retries: 0 },
      ...options,
    });

  beforeEach(async () => {
    fake = await startSlackFake({ users: 23 });
  });
  afterEach(() => fake.close());

  it('paginates users.list to the end: every user once, in order, deactivated users and bots included', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client().paginate('users.list', { limit: 7 })) {
      pages += 1;
      ids.push(...((page as { members?: Array<{ id: string }> }).members ?? []).map((member) => member.id));
    }
    expect(pages).toBe(4);
    const expected = [...fake.directory.iterateUsers()].map((user) => fake.userId(user));
    expect(ids).toEqual(expected);
    const forms = fake.server.journal.forRoute('users.list');
    expect(forms.every((entry) => entry.method === 'POST')).toBe(true);
    expect(forms[0]?.headers['content-type']).toContain('application/x-www-form-urlencoded');
  });

  it('answers users.info with the Web API user, Grid workspaces included', async () => {
    const user = fake.directory.listUsers({ offset: 4, limit: 1 }).users[0]!;
    const response = await client().users.info({ user: fake.userId(user) });
    expect(response.ok).toBe(true);
    expect(response.user?.id).toBe(fake.userId(user));
    expect(response.user?.profile?.email).toBe(user.email);
    expect(response.user?.enterprise_user?.teams).toEqual(['T00000001', 'T00000002']);
  });

  it('finds a user by email and reports users_not_found as a platform error', async () => {
    const user = fake.directory.listUsers({ offset: 3, limit: 1 }).users[0]!;
    const found = await client().users.lookupByEmail({ email: user.email });
    expect(found.user?.id).toBe(fake.userId(user));
    const error = await client()
      .users.lookupByEmail({ email: 'nobody@unidir.test' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'users_not_found' },
    });
  });

  it('removes a user from one workspace with admin.users.remove', async () => {
    const user = fake.directory.listUsers({ offset: 4, limit: 1 }).users[0]!;
    const response = await client().admin.users.remove({ team_id: 'T00000001', user_id: fake.userId(user) });
    expect(response.ok).toBe(true);
    expect(fake.org.workspaceIdsOf(user)).toEqual(['T00000002']);
    const again = await client()
      .admin.users.remove({ team_id: 'T00000001', user_id: fake.userId(user) })
      .catch((caught: unknown) => caught);
    expect(again).toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'user_not_found' } });
  });

  it('surfaces ok:false errors as the SDK reports them: invalid_auth, and missing_scope with needed and provided', async () => {
    await expect(client('xoxp-unknown').users.list({})).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'invalid_auth' },
    });
    const limited = fake.tokens.issue('W00000000', ['users:read']);
    await expect(client(limited).admin.teams.list({})).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'missing_scope', needed: 'admin.teams:read', provided: 'users:read' },
    });
  });

  it('answers a rate-limited call with 429 and Retry-After, which the SDK reports or waits out', async () => {
    const rateLimited = {
      kind: 'status' as const,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    };
    fake.server.injectFault({ route: 'users.list', nth: [1], fault: rateLimited });
    const error = await client(fake.adminToken, { rejectRateLimitedCalls: true })
      .users.list({ limit: 5 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });

    fake.server.injectFault({ route: 'users.info', nth: [1], fault: rateLimited });
    const startedAt = Date.now();
    const user = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    const response = await client(fake.adminToken, {
      retryConfig: { retries: 1, factor: 1, minTimeout: 0, maxTimeout: 0 },
    }).users.info({ user: fake.userId(user) });
    expect(response.ok).toBe(true);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(fake.server.journal.forRoute('users.info').map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('pages admin.teams.list and lists user group members', async () => {
    const teams: string[] = [];
    for await (const page of client().paginate('admin.teams.list', { limit: 2 })) {
      teams.push(...((page as { teams?: Array<{ id: string }> }).teams ?? []).map((team) => team.id));
    }
    expect(teams).toEqual(['T00000000', 'T00000001', 'T00000002']);
    const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const members = await client().usergroups.users.list({ usergroup: fake.groupId(group) });
    expect(members.users).toEqual(fake.org.memberIdsOf(group));
  });

  it("builds records that fit the SDK's declared response types (checked by tsc) and carry their key fields", async () => {
    const user = fake.directory.listUsers({ offset: 2, limit: 1 }).users[0]!;
    const member: NonNullable<UsersListResponse['members']>[number] = fake.org.webUser(user, true);
    const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const usergroup: NonNullable<UsergroupsListResponse['usergroups']>[number] = fake.org.userGroup(group, {
      includeUsers: true,
    });
    const team: NonNullable<AdminTeamsListResponse['teams']>[number] = fake.org.workspaceAt(0);
    expect(member).toMatchObject({
      id: 'W00000002',
      is_admin: true,
      enterprise_user: { teams: ['T00000002'] },
    });
    expect(usergroup.users).toEqual(fake.org.memberIdsOf(group));
    expect(team.id).toBe('T00000000');
    const listed = await client().users.list({ limit: 3 });
    expect(listed.members?.map((each) => each.id)).toEqual(['W00000000', 'W00000001', 'W00000002']);
  });
});

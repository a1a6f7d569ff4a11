import {
  ConnectorRegistry,
  createUnifiedRuntime,
  findConnectorProblems,
  parseUnifiedQuery,
} from '@unidir/runtime';
import { createCapturingLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from './index.js';
import { type SlackFake, startSlackFake } from './testing/slack-fake.js';

/** The connector as the unified API serves it: loaded into @unidir/runtime's registry, called with query strings. */
describe('slack through @unidir/runtime', () => {
  let fake: SlackFake;
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: createCapturingLogger(),
  });
  const account = () => ({
    id: 'acct-slack',
    integration: 'slack',
    credentials: fake.credentials,
    settings: fake.settings,
    allowInsecureProviderUrls: true,
  });
  const jsonBody = async (request: Parameters<typeof runtime.execute>[0]) => {
    const response = await runtime.execute(request);
    if (response.kind !== 'json') throw new Error('expected a JSON answer');
    return response.body as Record<string, unknown>;
  };

  beforeAll(async () => {
    fake = await startSlackFake({ users: 5000, workspaces: 5 });
  });
  afterAll(() => fake.close());

  it("passes the runtime's connector validation", () => {
    expect(findConnectorProblems(connector)).toEqual([]);
  });

  it('lists a 5,000-user Grid org to the end with limit=100: every user once, one users.list per page', async () => {
    fake.server.journal.clear();
    const seen = new Set<string>();
    let nextCursor = '';
    let pages = 0;
    do {
      const body = await jsonBody({
        account: account(),
        resource: 'users',
        method: 'list',
        query: parseUnifiedQuery(
          `limit=100&truto_ignore_remote_data=true&next_cursor=${encodeURIComponent(nextCursor)}`,
        ),
      });
      const result = body.result as Array<{ id: string }>;
      expect(body.result_count).toBe(result.length);
      for (const user of result) {
        expect(seen.has(user.id), `${user.id} listed twice`).toBe(false);
        seen.add(user.id);
      }
      nextCursor = (body.next_cursor as string | null) ?? '';
      pages++;
    } while (nextCursor);
    expect(seen.size).toBe(5000);
    expect(pages).toBe(50);
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(50);
    for (const user of fake.directory.iterateUsers()) expect(seen.has(fake.userId(user))).toBe(true);
  });

  it('lists one workspace of the org with workspace_id: exactly its members, across pages', async () => {
    const expected = [...fake.directory.iterateUsers()]
      .filter((user) => fake.org.workspaceIdsOf(user).includes('T00000003'))
      .map((user) => fake.userId(user));
    const seen: string[] = [];
    let nextCursor = '';
    do {
      const body = await jsonBody({
        account: account(),
        resource: 'users',
        method: 'list',
        query: parseUnifiedQuery(
          `workspace_id=T00000003&limit=250&truto_ignore_remote_data=true&next_cursor=${encodeURIComponent(nextCursor)}`,
        ),
      });
      seen.push(...(body.result as Array<{ id: string }>).map((user) => user.id));
      nextCursor = (body.next_cursor as string | null) ?? '';
    } while (nextCursor);
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1000);
  });

  it('removes a user from one workspace through DELETE with workspace_id', async () => {
    const user = fake.directory.listUsers({ offset: 8, limit: 1 }).users[0]!;
    const [workspaceId] = fake.org.workspaceIdsOf(user);
    const body = await jsonBody({
      account: account(),
      resource: 'users',
      method: 'delete',
      id: fake.userId(user),
      query: parseUnifiedQuery(`workspace_id=${workspaceId}`),
    });
    expect(fake.org.workspaceIdsOf(user)).not.toContain(workspaceId);
    expect(JSON.stringify(body)).toContain('remove_from_workspace');
  });

  it('refuses an undeclared delete option (product) before any Slack call', async () => {
    fake.server.journal.clear();
    const user = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    await expect(
      runtime.execute({
        account: account(),
        resource: 'users',
        method: 'delete',
        id: fake.userId(user),
        query: parseUnifiedQuery('product=workspace'),
      }),
    ).rejects.toMatchObject({ httpStatus: 400 });
    expect(fake.server.journal.entries).toEqual([]);
  });

  it('serves groups/remove-user as {result}', async () => {
    const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const [memberId] = fake.org.memberIdsOf(group);
    const body = await jsonBody({
      account: account(),
      resource: 'groups',
      method: 'removeUser',
      query: {},
      body: { group_id: fake.groupId(group), user_id: memberId },
    });
    expect(body).toEqual({
      result: {
        group_id: fake.groupId(group),
        user_id: memberId,
        action: 'remove_from_group',
        outcome: 'done',
      },
    });
  });

  it('lists the Grid workspaces, the enterprise, the roles and who the token is', async () => {
    const list = (resource: string, query = '') =>
      jsonBody({ account: account(), resource, method: 'list', query: parseUnifiedQuery(query) });
    const workspaces = await list('workspaces', 'limit=2');
    expect((workspaces.result as Array<{ id: string }>).map((workspace) => workspace.id)).toEqual([
      'T00000000',
      'T00000001',
    ]);
    expect(workspaces.next_cursor).toBeTruthy();
    const organizations = await list('organizations');
    expect(organizations.result).toMatchObject([{ id: 'E0UNIDIR1', name: 'Unidir Grid' }]);
    const roles = await list('roles');
    expect((roles.result as Array<{ id: string }>).map((role) => role.id)).toContain('single_channel_guest');
    const me = await list('me');
    expect(me.result).toMatchObject([
      { id: 'W00000000', identity_type: 'user', organization_id: 'E0UNIDIR1' },
    ]);
  });
});

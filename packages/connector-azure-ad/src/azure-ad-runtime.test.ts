import {
  ConnectorRegistry,
  createUnifiedRuntime,
  findConnectorProblems,
  parseUnifiedQuery,
} from '@unidir/runtime';
import { createCapturingLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from './index.js';
import { type AzureAdFake, startAzureAdFake } from './testing/azure-ad-fake.js';

/** The connector as the unified API serves it: loaded into @unidir/runtime's registry, called with query strings. */
describe('azure-ad through @unidir/runtime', () => {
  let fake: AzureAdFake;
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: createCapturingLogger(),
  });
  const account = () => ({
    id: 'acct-1',
    integration: 'azure-ad',
    credentials: fake.credentials,
    settings: fake.settings,
    allowInsecureProviderUrls: true,
  });

  beforeAll(async () => {
    fake = await startAzureAdFake({ users: 5000 });
  });
  afterAll(() => fake.close());

  it("passes the runtime's connector validation", () => {
    expect(findConnectorProblems(connector)).toEqual([]);
  });

  it('lists a 5,000-user directory to the end with limit=100: every user once, none twice', async () => {
    const seen = new Set<string>();
    let nextCursor = '';
    let pages = 0;
    do {
      const response = await runtime.execute({
        account: account(),
        resource: 'users',
        method: 'list',
        query: parseUnifiedQuery(
          `limit=100&truto_ignore_remote_data=true&next_cursor=${encodeURIComponent(nextCursor)}`,
        ),
      });
      if (response.kind !== 'json') throw new Error('expected a JSON page');
      const body = response.body as {
        result: Array<{ id: string }>;
        next_cursor: string | null;
        result_count: number;
      };
      expect(body.result_count).toBe(body.result.length);
      for (const user of body.result) {
        expect(seen.has(user.id), `${user.id} listed twice`).toBe(false);
        seen.add(user.id);
      }
      nextCursor = body.next_cursor ?? '';
      pages++;
    } while (nextCursor);
    expect(seen.size).toBe(5000);
    expect(pages).toBe(50);
    // One Graph request per page: groups come through $expand, not a request per user.
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(50);
    for (const user of fake.directory.iterateUsers()) expect(seen.has(user.id)).toBe(true);
  });

  it('refuses an unsupported delete option before any Graph call', async () => {
    fake.server.journal.clear();
    const [user] = fake.directory.listUsers({ offset: 1, limit: 1 }).users;
    await expect(
      runtime.execute({
        account: account(),
        resource: 'users',
        method: 'delete',
        id: user!.id,
        query: parseUnifiedQuery('remove_from=organization&remove_from_id=o-1'),
      }),
    ).rejects.toMatchObject({ httpStatus: 400 });
    expect(fake.server.journal.entries.filter((entry) => entry.route !== 'token')).toEqual([]);
  });

  it("adds a user to a group, lists the user's licenses and roles, and removes the user again", async () => {
    const [user] = fake.directory.listUsers({ offset: 2, limit: 1 }).users;
    const groupId = fake.directory
      .listGroups({ offset: 0, limit: 5 })
      .groups.find((group) => !fake.directory.isMember(group.id, user!.id))!.id;
    fake.server.journal.clear();
    const membership = { group_id: groupId, user_id: user!.id };

    const added = await runtime.execute({
      account: account(),
      resource: 'groups',
      method: 'addUser',
      query: {},
      body: membership,
    });
    expect(added).toMatchObject({ kind: 'json', body: { result: { ...membership, outcome: 'done' } } });

    const licenses = await runtime.execute({
      account: account(),
      resource: 'licenses',
      method: 'list',
      query: parseUnifiedQuery(`user_id=${user!.id}`),
    });
    expect((licenses as { body: { result: Array<{ name: string }> } }).body.result).toMatchObject([
      { name: 'ENTERPRISEPACK' },
    ]);

    const activities = await runtime.execute({
      account: account(),
      resource: 'activities',
      method: 'list',
      query: parseUnifiedQuery('limit=1&created_at[gte]=2026-01-01T00:00:00Z'),
    });
    expect((activities as { body: { result: Array<{ action: string }> } }).body.result).toMatchObject([
      { action: 'Add member to group' },
    ]);

    const removed = await runtime.execute({
      account: account(),
      resource: 'groups',
      method: 'removeUser',
      query: {},
      body: membership,
    });
    expect(removed).toMatchObject({
      body: { result: { ...membership, action: 'remove_from_group', outcome: 'done' } },
    });
    expect(fake.directory.isMember(groupId, user!.id)).toBe(false);
    expect(
      fake.server.journal.entries
        .filter((entry) => entry.route?.startsWith('groups.members'))
        .map((entry) => entry.method),
    ).toEqual(['POST', 'DELETE']);
  });

  it('refuses a parameter the manifest does not declare before any Graph call', async () => {
    fake.server.journal.clear();
    await expect(
      runtime.execute({
        account: account(),
        resource: 'organizations',
        method: 'list',
        query: parseUnifiedQuery('user_id=someone'),
      }),
    ).rejects.toMatchObject({ httpStatus: 400 });
    expect(fake.server.journal.entries.filter((entry) => entry.route !== 'token')).toEqual([]);
  });
});

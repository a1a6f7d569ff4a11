import {
  ConnectorRegistry,
  createUnifiedRuntime,
  findConnectorProblems,
  parseUnifiedQuery,
} from '@unidir/runtime';
import { createCapturingLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from './index.js';
import { type OktaFake, startOktaFake } from './testing/okta-fake.js';

/** The connector as the unified API serves it: loaded into @unidir/runtime's registry, called with query strings. */
describe('okta through @unidir/runtime', () => {
  let fake: OktaFake;
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: createCapturingLogger(),
  });
  const account = () => ({
    id: 'acct-okta',
    integration: 'okta',
    credentials: fake.credentials,
    settings: fake.settings,
    allowInsecureProviderUrls: true,
  });

  beforeAll(async () => {
    fake = await startOktaFake({ users: 10_000 });
  });
  afterAll(() => fake.close());

  it("passes the runtime's connector validation", () => {
    expect(findConnectorProblems(connector)).toEqual([]);
  });

  it('lists a 10,000-user org to the end with limit=200: every user once, none twice', async () => {
    const seen = new Set<string>();
    let nextCursor = '';
    let pages = 0;
    do {
      const response = await runtime.execute({
        account: account(),
        resource: 'users',
        method: 'list',
        query: parseUnifiedQuery(
          `limit=200&truto_ignore_remote_data=true&next_cursor=${encodeURIComponent(nextCursor)}`,
        ),
      });
      if (response.kind !== 'json') throw new Error('expected a JSON page');
      const body = response.body as {
        result: Array<{ id: string }>;
        next_cursor: string | null;
        result_count: number;
      };
      expect(body.result_count).toBe(body.result.length);
      expect(body.result.length).toBeLessThanOrEqual(200);
      for (const user of body.result) {
        expect(seen.has(user.id), `${user.id} listed twice`).toBe(false);
        seen.add(user.id);
      }
      nextCursor = body.next_cursor ?? '';
      pages++;
    } while (nextCursor);
    expect(seen.size).toBe(10_000);
    expect(pages).toBe(50);
    // One Okta request per page: a list reads no groups or roles per user.
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(50);
    for (const user of fake.directory.iterateUsers()) expect(seen.has(user.id)).toBe(true);
  });

  it('adds and removes a member through the custom methods, with {result}', async () => {
    const user = fake.directory.listUsers({ offset: 3, limit: 1 }).users[0]!;
    const groupId = fake.directory
      .listGroups({ offset: 0, limit: 200 })
      .groups.find((group) => !fake.directory.isMember(group.id, user.id))!.id;
    fake.server.journal.clear();
    for (const method of ['addUser', 'removeUser'] as const) {
      const response = await runtime.execute({
        account: account(),
        resource: 'groups',
        method,
        query: {},
        body: { group_id: groupId, user_id: user.id },
      });
      expect(response.kind === 'json' && response.body).toMatchObject({
        result: { group_id: groupId, user_id: user.id, outcome: 'done' },
      });
    }
    expect(fake.server.journal.entries.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `PUT /api/v1/groups/${groupId}/users/${user.id}`,
      `DELETE /api/v1/groups/${groupId}/users/${user.id}`,
    ]);
  });

  it('refuses an unsupported delete option before any Okta call', async () => {
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
    expect(fake.server.journal.entries).toEqual([]);
  });
});

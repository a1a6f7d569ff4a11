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
});

import {
  ConnectorRegistry,
  createUnifiedRuntime,
  findConnectorProblems,
  parseUnifiedQuery,
} from '@unidir/runtime';
import { createCapturingLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHubManifest } from './github-manifest.js';
import connector from './index.js';
import { type GitHubFake, startGitHubFake } from './testing/github-fake.js';
import { loginOf, personIdOf } from './testing/github-fake-records.js';

/** "1 per page of up to 100 users ...": the manifest's own statement, read as numbers. */
function statedRequestsPerPage(): { requests: number; pageSize: number } {
  const match = /^(\d+) per page of up to (\d+) users/.exec(gitHubManifest.users?.list?.requestCount ?? '');
  if (!match) throw new Error('users.list requestCount no longer states requests per page');
  return { requests: Number(match[1]), pageSize: Number(match[2]) };
}

/** The connector as the unified API serves it: loaded into @unidir/runtime's registry, called with query strings. */
describe('github through @unidir/runtime', () => {
  let fake: GitHubFake;
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: createCapturingLogger(),
  });
  const account = () => ({
    id: 'acct-1',
    integration: 'github',
    credentials: fake.credentials,
    settings: fake.settings,
    allowInsecureProviderUrls: true,
  });

  beforeAll(async () => {
    fake = await startGitHubFake({ users: 3000 });
  });
  afterAll(() => fake.close());

  it("passes the runtime's connector validation", () => {
    expect(findConnectorProblems(connector)).toEqual([]);
  });

  it('lists a 3,000-member organization to the end with limit=100: every member once, as many requests as the manifest states', async () => {
    fake.server.journal.clear();
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
        result: Array<{ id: string; username: string }>;
        next_cursor: string | null;
      };
      expect(body.result.length).toBeLessThanOrEqual(100);
      for (const user of body.result) {
        expect(seen.has(user.id), `${user.id} listed twice`).toBe(false);
        seen.add(user.id);
      }
      nextCursor = body.next_cursor ?? '';
      pages++;
    } while (nextCursor);
    expect(seen.size).toBe(3000);
    for (const member of fake.directory.iterateUsers())
      expect(seen.has(String(personIdOf(member.index)))).toBe(true);
    const stated = statedRequestsPerPage();
    expect(pages).toBe(3000 / stated.pageSize);
    const requests = fake.server.journal.entries;
    expect(requests).toHaveLength(pages * stated.requests);
    expect(requests.every((entry) => entry.route === 'members.list' && entry.query.per_page === '100')).toBe(
      true,
    );
  });

  it('lists profiles only when remote_query[include_profile]=true, at one request per user', async () => {
    fake.server.journal.clear();
    const response = await runtime.execute({
      account: account(),
      resource: 'users',
      method: 'list',
      query: parseUnifiedQuery('limit=5&remote_query[include_profile]=true'),
    });
    if (response.kind !== 'json') throw new Error('expected a JSON page');
    const body = response.body as { result: Array<{ name?: string; created_at?: string; username: string }> };
    expect(body.result).toHaveLength(5);
    expect(body.result.every((user) => user.name && user.created_at)).toBe(true);
    expect(fake.server.journal.entries.map((entry) => entry.route)).toEqual([
      'members.list',
      ...body.result.map(() => 'users.get_by_username'),
    ]);
  });

  it('refuses permanent=true before any GitHub call', async () => {
    fake.server.journal.clear();
    const member = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    await expect(
      runtime.execute({
        account: account(),
        resource: 'users',
        method: 'delete',
        id: loginOf(member),
        query: parseUnifiedQuery('permanent=true'),
      }),
    ).rejects.toMatchObject({ httpStatus: 400, code: 'unsupported_parameter' });
    expect(fake.server.journal.entries).toEqual([]);
  });
});

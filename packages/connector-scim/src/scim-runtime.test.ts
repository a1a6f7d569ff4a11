import {
  ConnectorRegistry,
  createUnifiedRuntime,
  findConnectorProblems,
  parseUnifiedQuery,
} from '@unidir/runtime';
import { createCapturingLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connector, connectors } from './index.js';
import { scimPresets } from './scim-presets.js';
import { type ScimFake, startScimFake } from './testing/scim-fake.js';

/** Every integration of the package as the unified API serves it: registered in @unidir/runtime, called with query strings. */
describe('connector-scim through @unidir/runtime', () => {
  let fake: ScimFake;
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([...connectors]),
    logger: createCapturingLogger(),
  });
  const account = (integration = 'scim') => ({
    id: `acct-${integration}`,
    integration,
    credentials: fake.credentials,
    settings: fake.settings,
    allowInsecureProviderUrls: true,
  });

  beforeAll(async () => {
    fake = await startScimFake({ users: 450 });
  });
  afterAll(() => fake.close());

  it('offers the generic connector and one per preset, each passing the runtime validation', () => {
    expect(connectors.map((each) => each.id)).toEqual(['scim', ...scimPresets.map((preset) => preset.id)]);
    expect(connectors[0]).toBe(connector);
    for (const each of connectors) expect(findConnectorProblems(each), each.id).toEqual([]);
  });

  it('lists every user once with limit=100 through the cursor', async () => {
    const seen = new Set<string>();
    let nextCursor = '';
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
      const body = response.body as { result: Array<{ id: string }>; next_cursor: string | null };
      for (const user of body.result) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      nextCursor = body.next_cursor ?? '';
    } while (nextCursor);
    expect(seen.size).toBe(450);
  });

  it('deletes with emails[] in the wire form as a guard on the id', async () => {
    const [, user] = fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    fake.server.journal.clear();
    const response = await runtime.execute({
      account: account('figma-scim'),
      resource: 'users',
      method: 'delete',
      id: user!.id,
      query: parseUnifiedQuery(`emails[0][email]=${encodeURIComponent(user!.email)}`),
    });
    expect(response.kind).toBe('json');
    expect(fake.store.userById(user!.id)?.active).toBe(false);
    expect(
      fake.server.journal.entries.filter((entry) => entry.method !== 'GET').map((entry) => entry.method),
    ).toEqual(['PATCH']);
  });

  it('refuses a delete option the preset cannot honour before any provider call', async () => {
    fake.server.journal.clear();
    await expect(
      runtime.execute({
        account: account('atlassian-scim'),
        resource: 'users',
        method: 'delete',
        id: 'someone',
        query: parseUnifiedQuery('emails[0][email]=a%40b.test'),
      }),
    ).rejects.toMatchObject({ httpStatus: 400 });
    expect(fake.server.journal.entries).toEqual([]);
  });
});

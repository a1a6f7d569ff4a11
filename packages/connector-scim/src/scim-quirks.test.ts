import { describe, expect, it } from 'vitest';
import { findScimPreset, type ScimPreset } from './scim-presets.js';
import { startHarness } from './scim-test-harness.js';

const capitalizedPreset: ScimPreset = {
  ...(findScimPreset('figma-scim') as ScimPreset),
  id: 'capitalized-scim',
  quirks: { patchOperationCasing: 'capitalized' },
};

function firstUser(harness: Awaited<ReturnType<typeof startHarness>>) {
  return [...harness.store.users()][1]!;
}

describe('preset quirks against the fake with them switched on', () => {
  it('sends capitalised PATCH operations to an app that requires them; lower case is refused there', async () => {
    const harness = await startHarness(
      'our fake',
      { quirks: { patchOperationCasing: 'capitalized' } },
      capitalizedPreset,
    );
    try {
      const user = firstUser(harness);
      await harness.connector.users!.delete!({ id: user.id } as never, harness.context());
      const patch = harness.server.journal.forRoute('users.patch')[0]?.body as {
        Operations: Array<{ op: string }>;
      };
      expect(patch.Operations.map((operation) => operation.op)).toEqual(['Replace']);
      expect(harness.store.userById(user.id)?.active).toBe(false);
    } finally {
      await harness.close();
    }
    const generic = await startHarness('our fake', { quirks: { patchOperationCasing: 'capitalized' } });
    try {
      await expect(
        generic.connector.users!.delete!({ id: firstUser(generic).id } as never, generic.context()),
      ).rejects.toMatchObject({ httpStatus: 400 });
    } finally {
      await generic.close();
    }
  });

  it('asks for no more than the page cap the provider advertises, and pages through the rest', async () => {
    const harness = await startHarness(
      'our fake',
      { users: 450, maxResults: 200 },
      findScimPreset('figma-scim'),
    );
    try {
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await harness.connector.users!.list!(
          { limit: 1000, ...(cursor ? { cursor } : {}) },
          harness.context(),
        );
        for (const record of page.records) ids.add(record.unified.id);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids.size).toBe(450);
      const lists = harness.server.journal.forRoute('users.list');
      expect(lists.map((entry) => [entry.query.startIndex, entry.query.count])).toEqual([
        ['1', '200'],
        ['201', '200'],
        ['401', '200'],
      ]);
    } finally {
      await harness.close();
    }
  });

  it('caps pages by the preset when the provider advertises more than the app serves', async () => {
    const harness = await startHarness(
      'our fake',
      { users: 30, maxResults: 1000, quirks: { pageSizeCap: 100 } },
      findScimPreset('atlassian-scim'),
    );
    try {
      await harness.connector.users!.list!({ limit: 500 }, harness.context());
      expect(harness.server.journal.forRoute('users.list')[0]?.query.count).toBe('100');
    } finally {
      await harness.close();
    }
  });

  it('refuses an email filter the app does not serve, before listing (Atlassian)', async () => {
    const atlassian = findScimPreset('atlassian-scim') as ScimPreset;
    const harness = await startHarness('our fake', { quirks: atlassian.quirks }, atlassian);
    try {
      await expect(
        harness.connector.users!.list!({ email: 'ada@unidir.test' }, harness.context()),
      ).rejects.toMatchObject({ code: 'unsupported_parameter' });
      expect(harness.server.journal.forRoute('users.list')).toEqual([]);
      expect(harness.connector.manifest.users?.list?.parameters.email).toBeUndefined();
    } finally {
      await harness.close();
    }
  });

  it('reports a DELETE that only deactivates as a deactivation (Slack), and keeps the user', async () => {
    const slack = findScimPreset('slack-scim') as ScimPreset;
    const harness = await startHarness('our fake', { quirks: slack.quirks }, slack);
    try {
      const user = firstUser(harness);
      const result = await harness.connector.users!.delete!(
        { id: user.id, permanent: true } as never,
        harness.context(),
      );
      expect(result.actions).toEqual([{ action: 'deactivate', target: user.id, outcome: 'done' }]);
      expect(harness.writes()).toEqual([`DELETE /scim/v2/Users/${user.id}`]);
      expect(harness.store.userById(user.id)?.active).toBe(false);
    } finally {
      await harness.close();
    }
  });

  it('refuses permanent where the app has no user DELETE (Postman), before any call', async () => {
    const postman = findScimPreset('postman-scim') as ScimPreset;
    const harness = await startHarness('our fake', { quirks: postman.quirks }, postman);
    try {
      await expect(
        harness.connector.users!.delete!(
          { id: firstUser(harness).id, permanent: true } as never,
          harness.context(),
        ),
      ).rejects.toMatchObject({ code: 'unsupported_parameter' });
      expect(harness.server.journal.entries).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});

describe('ServiceProviderConfig discovery', () => {
  it('is read once per account client, however many operations follow', async () => {
    const harness = await startHarness('our fake');
    try {
      await harness.connector.users!.list!({ limit: 2 }, harness.context());
      await harness.connector.users!.list!(
        { email: firstUser(harness).emails![0]!.value! },
        harness.context(),
      );
      await harness.connector.users!.delete!({ id: firstUser(harness).id } as never, harness.context());
      expect(harness.server.journal.forRoute('service-provider-config')).toHaveLength(1);
    } finally {
      await harness.close();
    }
  });

  it('is read again after a failed read instead of keeping the failure', async () => {
    const harness = await startHarness('our fake');
    try {
      harness.server.injectFault({
        route: 'service-provider-config',
        times: 3,
        fault: { kind: 'status', status: 500 },
      });
      await expect(harness.connector.users!.list!({}, harness.context())).rejects.toMatchObject({
        code: 'provider_unavailable',
      });
      const page = await harness.connector.users!.list!({ limit: 3 }, harness.context());
      expect(page.records).toHaveLength(3);
    } finally {
      await harness.close();
    }
  });

  it('assumes nothing when the provider has none: no filters, PUT instead of PATCH', async () => {
    const harness = await startHarness('our fake', { withoutServiceProviderConfig: true });
    try {
      await expect(
        harness.connector.users!.list!({ email: 'ada@unidir.test' }, harness.context()),
      ).rejects.toMatchObject({ code: 'unsupported_parameter' });
      const user = firstUser(harness);
      await harness.connector.users!.delete!({ id: user.id } as never, harness.context());
      expect(harness.writes()).toEqual([`PUT /scim/v2/Users/${user.id}`]);
      expect(harness.store.userById(user.id)?.active).toBe(false);
    } finally {
      await harness.close();
    }
  });
});

describe('paging', () => {
  it('keeps the first page’s filter in the cursor and ends when the total is reached', async () => {
    const harness = await startHarness('our fake', { users: 40 });
    try {
      const first = await harness.connector.users!.list!({ status: 'active', limit: 10 }, harness.context());
      const second = await harness.connector.users!.list!({ cursor: first.nextCursor! }, harness.context());
      const [, secondRequest] = harness.server.journal.forRoute('users.list');
      expect(secondRequest?.query).toMatchObject({ filter: 'active eq true', startIndex: '11', count: '10' });
      expect(second.records.every((record) => record.unified.status === 'active')).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('warns, and keeps going, when the provider total changes between pages', async () => {
    const harness = await startHarness('our fake', { users: 12 });
    try {
      const warnings: string[] = [];
      const logger = {
        debug() {},
        info() {},
        error() {},
        warn: (_fields: unknown, message?: string) => warnings.push(message ?? ''),
      };
      const first = await harness.connector.users!.list!({ limit: 5 }, harness.context({ logger }));
      harness.store.deleteUser(first.records[0]!.unified.id);
      const second = await harness.connector.users!.list!(
        { cursor: first.nextCursor! },
        harness.context({ logger }),
      );
      expect(second.records).toHaveLength(5);
      expect(warnings.some((message) => message.includes('total changed'))).toBe(true);
    } finally {
      await harness.close();
    }
  });
});

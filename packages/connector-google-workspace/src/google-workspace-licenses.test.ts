import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleWorkspaceScopeSets } from './google-workspace-client.js';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';
import { fakeSkuOf } from './testing/google-workspace-fake-licensing.js';

const licensingRoute = 'licenseAssignments.listForProduct';

describe('google-workspace licenses against the fake', () => {
  let connected: ConnectedFake;
  const licenses = () => connected.connector.licenses!;

  beforeAll(async () => {
    connected = await startConnectedFake({
      users: 2500,
      settings: { license_product_ids: ['Google-Apps', '101047'] },
    });
  });
  afterAll(() => connected.close());

  it('lists one license per SKU with the assignments counted as used seats, and no total', async () => {
    connected.fake.server.journal.clear();
    const page = await licenses().list!({}, connected.context());
    const counts = new Map<string, number>();
    for (const user of connected.fake.directory.iterateUsers()) {
      for (const product of ['Google-Apps', '101047'] as const) {
        const sku = fakeSkuOf(user, product);
        if (sku) counts.set(sku, (counts.get(sku) ?? 0) + 1);
      }
    }
    expect(
      Object.fromEntries(page.records.map((record) => [record.unified.id, record.unified.used_seats])),
    ).toEqual(Object.fromEntries(counts));
    expect(page.records.every((record) => record.unified.total_seats === undefined)).toBe(true);
    expect(page.records.find((record) => record.unified.id === '1010020028')?.unified).toMatchObject({
      name: 'Google Workspace Business Standard',
      organization_id: connected.fake.google.ids.customerId,
    });
    expect(page.nextCursor).toBeNull();
    // 2,500 Workspace assignments in pages of 1,000, 500 Gemini ones in one page, and one users.list that
    // learns the customer id.
    const journal = connected.fake.server.journal;
    expect(journal.forRoute(licensingRoute).map((entry) => entry.path.split('/')[5])).toEqual([
      'Google-Apps',
      'Google-Apps',
      'Google-Apps',
      '101047',
    ]);
    expect(journal.forRoute(licensingRoute)[0]?.query).toEqual({
      customerId: connected.fake.google.ids.customerId,
      maxResults: '1000',
    });
    expect(journal.forRoute('users.list').map((entry) => entry.query.maxResults)).toEqual(['1']);
  });

  it('answers the licenses of one user from the cached assignments', async () => {
    const user = connected.fake.directory.listUsers({ offset: 10, limit: 1 }).users[0]!;
    connected.fake.server.journal.clear();
    const byEmail = await licenses().list!({ user_id: user.email }, connected.context());
    const byId = await licenses().list!(
      { user_id: connected.fake.google.ids.userId(user.index) },
      connected.context(),
    );
    const expected = [fakeSkuOf(user, 'Google-Apps'), fakeSkuOf(user, '101047')].filter(Boolean);
    expect(byEmail.records.map((record) => record.unified.id)).toEqual(expected);
    expect(byId.records.map((record) => record.unified.id)).toEqual(expected);
    // Cached: no licensing call; the numeric id costs one users.get.
    expect(connected.fake.server.journal.entries.map((entry) => entry.route)).toEqual(['users.get']);
  });

  it('gets a license by SKU id and answers not_found for a SKU nobody holds', async () => {
    const license = await licenses().get!({ id: '1010470007' }, connected.context());
    expect(license.unified).toMatchObject({ id: '1010470007', name: 'Gemini Meet', used_seats: 500 });
    await expect(licenses().get!({ id: '1010020020' }, connected.context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('google-workspace users with their licenses', () => {
  let connected: ConnectedFake;

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 5000, settings: { user_licenses: true } });
  });
  afterAll(() => connected.close());

  it('lists 5,000 users with their licenses without one request per user', async () => {
    connected.fake.server.journal.clear();
    const users: Array<{ id: string; licenses?: Array<{ id: string }> }> = [];
    let cursor: string | undefined;
    do {
      const page = await connected.connector.users!.list!({ limit: 500, cursor }, connected.context());
      users.push(...page.records.map((record) => record.unified));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(users).toHaveLength(5000);
    const seeded = [...connected.fake.directory.iterateUsers()];
    expect(users.map((user) => user.licenses?.map((license) => license.id))).toEqual(
      seeded.map((user) => [fakeSkuOf(user, 'Google-Apps')]),
    );
    const routes = connected.fake.server.journal.entries
      .map((entry) => entry.route)
      .filter((route) => route !== 'token');
    // 10 pages of users, 1 users.list for the customer id, 5 pages of 1,000 assignments: nothing per user.
    expect(routes.filter((route) => route === 'users.list')).toHaveLength(11);
    expect(routes.filter((route) => route === licensingRoute)).toHaveLength(5);
    expect(routes).toHaveLength(16);
  });

  it('fills the licenses of one user on get', async () => {
    const user = connected.fake.directory.listUsers({ offset: 42, limit: 1 }).users[0]!;
    const found = await connected.connector.users!.get!({ id: user.email }, connected.context());
    expect(found.unified.licenses).toEqual([
      {
        id: fakeSkuOf(user, 'Google-Apps'),
        name: expect.any(String),
        organization_id: connected.fake.google.ids.customerId,
      },
    ]);
  });
});

describe('google-workspace licenses without the apps.licensing scope', () => {
  it('fails with a 403 naming the scope for a service account, before any licensing call', async () => {
    const connected = await startConnectedFake({
      users: 5,
      delegatedScopes: googleWorkspaceScopeSets.directory,
    });
    try {
      const error = await connected.connector.licenses!.list!({}, connected.context()).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'provider_scope_missing', httpStatus: 403 });
      expect((error as Error).message).toContain('https://www.googleapis.com/auth/apps.licensing');
      expect(connected.fake.server.journal.forRoute(licensingRoute)).toEqual([]);
      // Users are listed as before: licenses are only read when settings.user_licenses asks for them.
      const users = await connected.connector.users!.list!({}, connected.context());
      expect(users.records).toHaveLength(5);
    } finally {
      await connected.close();
    }
  });

  it('keeps a subject without admin rights an authorization failure, not a missing scope', async () => {
    const connected = await startConnectedFake({ users: 5 });
    try {
      const user = connected.fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
      const client = createLoopbackClient(connected.connector, {
        credentials: { ...connected.fake.credentials, subject: user.email },
        settings: { ...connected.fake.settings, customer: connected.fake.google.ids.customerId },
      });
      await expect(
        connected.connector.licenses!.list!({}, createOperationContext(client)),
      ).rejects.toMatchObject({ code: 'provider_auth_failed' });
    } finally {
      await connected.close();
    }
  });

  it('fails with the same 403 for an OAuth account whose token lacks the scope', async () => {
    const connected = await startConnectedFake({
      users: 5,
      delegatedScopes: googleWorkspaceScopeSets.directory,
    });
    try {
      const connector = connected.connector;
      const client = createLoopbackClient(connector, {
        credentials: connected.fake.oauthCredentials,
        settings: connected.fake.settings,
      });
      const error = await connector.licenses!.list!({}, createOperationContext(client)).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'provider_scope_missing', httpStatus: 403 });
      expect(connected.fake.server.journal.forRoute(licensingRoute).map((entry) => entry.status)).toEqual([
        403,
      ]);
    } finally {
      await connected.close();
    }
  });
});

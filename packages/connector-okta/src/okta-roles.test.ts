import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './okta-test-harness.js';

describe('okta roles, role assignments and me', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('lists the standard roles with no request, then the org custom roles, within the page size', async () => {
    harness = await startHarness({ users: 3 });
    const records = [];
    let cursor: string | undefined;
    do {
      const page = await harness.connector.roles!.list!(
        { limit: 4, ...(cursor ? { cursor } : {}) },
        harness.context(),
      );
      expect(page.records.length).toBeLessThanOrEqual(4);
      records.push(...page.records);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const ids = records.map((record) => record.unified.id);
    expect(ids).toContain('SUPER_ADMIN');
    expect(ids).toContain('cr0accessreviewer001');
    expect(new Set(ids).size).toBe(ids.length);
    expect(records.find((record) => record.unified.id === 'cr0accessreviewer001')?.unified.name).toBe(
      'Access Reviewer',
    );
    expect(harness.journal()).toEqual(['GET /api/v1/iam/roles']);
  });

  it("lists a user's roles, and gets a standard role without a request and a custom role with one", async () => {
    harness = await startHarness({ users: 3 });
    const admin = harness.seededUser(0);
    const mine = await harness.connector.roles!.list!({ user_id: admin.id }, harness.context());
    expect(mine.records.map((record) => record.unified)).toMatchObject([
      { id: 'SUPER_ADMIN', name: 'Super Administrator' },
    ]);
    harness.fake.server.journal.clear();
    expect((await harness.connector.roles!.get!({ id: 'ORG_ADMIN' }, harness.context())).unified.name).toBe(
      'Organization Administrator',
    );
    expect(harness.journal()).toEqual([]);
    expect(
      (await harness.connector.roles!.get!({ id: 'cr0accessreviewer001' }, harness.context())).unified.name,
    ).toBe('Access Reviewer');
    await expect(
      harness.connector.roles!.get!({ id: 'cr0missing', remote_query: {} }, harness.context()),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("lists a user's role assignments, filtered by role, and needs user_id", async () => {
    harness = await startHarness({ users: 3 });
    const admin = harness.seededUser(0);
    const all = await harness.connector.role_assignments!.list!({ user_id: admin.id }, harness.context());
    expect(all.records.map((record) => record.unified)).toMatchObject([
      { role_id: 'SUPER_ADMIN', user_id: admin.id },
    ]);
    const none = await harness.connector.role_assignments!.list!(
      { user_id: admin.id, role_id: 'APP_ADMIN' },
      harness.context(),
    );
    expect(none.records).toEqual([]);
    await expect(harness.connector.role_assignments!.list!({}, harness.context())).rejects.toMatchObject({
      code: 'missing_parameter',
    });
  });

  it("me: the API token's admin and the org", async () => {
    harness = await startHarness({ users: 3 });
    const admin = harness.seededUser(0);
    const page = await harness.connector.me!.list!({}, harness.context());
    expect(page.records.map((record) => record.unified)).toMatchObject([
      {
        id: admin.id,
        identity_type: 'user',
        username: admin.email,
        organization_id: '00o1fakeorg000000001',
        organization_name: 'Unidir Test Org',
      },
    ]);
    expect(harness.journal()).toEqual(['GET /api/v1/org', 'GET /api/v1/users/me']);
  });

  it('me: a service app is the application, in its org', async () => {
    harness = await startHarness({ users: 3, auth: 'private_key_jwt' });
    const page = await harness.connector.me!.list!({}, harness.context());
    expect(page.records.map((record) => record.unified)).toMatchObject([
      {
        id: harness.fake.serviceApp.clientId,
        identity_type: 'application',
        organization_id: '00o1fakeorg000000001',
      },
    ]);
    expect(harness.journal()).toEqual(['GET /api/v1/org']);
  });
});

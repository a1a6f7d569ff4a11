import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';

describe('google-workspace roles, role assignments, organizations, me and activities against the fake', () => {
  let connected: ConnectedFake;
  const journal = () => connected.fake.server.journal;
  const apiRoutes = () =>
    journal().entries.flatMap((entry) => (entry.route === 'token' ? [] : [entry.route]));

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 200, groups: 3 });
  });
  afterAll(() => connected.close());

  it('pages through roles and gets one by id', async () => {
    journal().clear();
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await connected.connector.roles!.list!({ limit: 3, cursor }, connected.context());
      names.push(...page.records.map((record) => record.unified.name ?? ''));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(names).toEqual([
      '_SEED_ADMIN_ROLE',
      '_GROUPS_ADMIN_ROLE',
      '_USER_MANAGEMENT_ADMIN_ROLE',
      '_HELP_DESK_ADMIN_ROLE',
    ]);
    expect(
      journal()
        .forRoute('roles.list')
        .map((entry) => entry.path),
    ).toEqual([
      '/admin/directory/v1/customer/my_customer/roles',
      '/admin/directory/v1/customer/my_customer/roles',
    ]);
    const first = (await connected.connector.roles!.list!({ limit: 1 }, connected.context())).records[0]!;
    const role = await connected.connector.roles!.get!({ id: first.unified.id }, connected.context());
    expect(role.unified).toEqual({ ...first.unified, remote_data: first.raw });
    expect(role.unified.description).toBe('Super Admin');
  });

  it('lists role assignments of a user and of a role, with the filters sent as userKey and roleId', async () => {
    const superAdmin = (await connected.connector.roles!.list!({ limit: 1 }, connected.context()))
      .records[0]!;
    journal().clear();
    const byRole = await connected.connector.role_assignments!.list!(
      { role_id: superAdmin.unified.id },
      connected.context(),
    );
    const admins = [connected.fake.google.administrator.index, 0, 97, 194].map((index) =>
      connected.fake.google.ids.userId(index),
    );
    expect(byRole.records.map((record) => record.unified.user_id)).toEqual(admins);
    expect(byRole.records[0]?.unified).toMatchObject({ role_id: superAdmin.unified.id, scope: 'CUSTOMER' });
    const delegated = connected.fake.directory.listUsers({ offset: 5, limit: 1 }).users[0]!;
    const byUser = await connected.connector.role_assignments!.list!(
      { user_id: delegated.email },
      connected.context(),
    );
    expect(byUser.records.map((record) => record.unified.user_id)).toEqual([
      connected.fake.google.ids.userId(delegated.index),
    ]);
    expect(
      journal()
        .forRoute('roleAssignments.list')
        .map((entry) => entry.query),
    ).toEqual([
      { roleId: superAdmin.unified.id, maxResults: '100' },
      { userKey: delegated.email, maxResults: '100' },
    ]);
    const toGroup = await connected.connector.role_assignments!.list!(
      { user_id: connected.fake.google.ids.groupId(0) },
      connected.context(),
    );
    expect(toGroup.records.map((record) => record.unified.group_id)).toEqual([
      connected.fake.google.ids.groupId(0),
    ]);
  });

  it('answers the customer as the one organization, by list and by get', async () => {
    journal().clear();
    const list = await connected.connector.organizations!.list!({}, connected.context());
    expect(list.records.map((record) => record.unified)).toEqual([
      expect.objectContaining({
        id: connected.fake.google.ids.customerId,
        name: 'Unidir Test Organization',
        created_at: '2021-01-04T09:00:00.000Z',
      }),
    ]);
    const got = await connected.connector.organizations!.get!(
      { id: connected.fake.google.ids.customerId },
      connected.context(),
    );
    expect(got.unified.id).toBe(connected.fake.google.ids.customerId);
    expect(apiRoutes()).toEqual(['customers.get', 'customers.get']);
  });

  it('answers me as the impersonated administrator within the customer', async () => {
    journal().clear();
    const me = await connected.connector.me!.list!({}, connected.context());
    expect(me.records.map((record) => record.unified)).toEqual([
      expect.objectContaining({
        id: connected.fake.google.ids.userId(connected.fake.google.administrator.index),
        identity_type: 'user',
        username: connected.fake.adminEmail,
        organization_id: connected.fake.google.ids.customerId,
        organization_name: 'Unidir Test Organization',
      }),
    ]);
    expect(apiRoutes()).toEqual(['customers.get', 'users.get']);
    expect(journal().forRoute('users.get')[0]?.path).toBe(
      `/admin/directory/v1/users/${encodeURIComponent(connected.fake.adminEmail)}`,
    );
  });

  it('answers me as the customer alone for an account connected by OAuth', async () => {
    const client = createLoopbackClient(connected.connector, {
      credentials: connected.fake.oauthCredentials,
      settings: connected.fake.settings,
    });
    const me = await connected.connector.me!.list!({}, createOperationContext(client));
    expect(me.records.map((record) => record.unified)).toEqual([
      expect.objectContaining({
        id: connected.fake.google.ids.customerId,
        identity_type: 'organization',
        name: 'Unidir Test Organization',
        organization_id: connected.fake.google.ids.customerId,
      }),
    ]);
  });

  it('lists admin activities, a membership change made through the connector first', async () => {
    const group = connected.fake.directory.listGroups({ offset: 1, limit: 1 }).groups[0]!;
    const memberId = connected.fake.directory.memberIdsOfGroup(group.id)[0]!;
    const member = connected.fake.directory.userById(memberId)!;
    const before = new Date(connected.fake.google.now() - 1000).toISOString();
    await connected.connector.groups!.removeUser!(
      { group_id: group.email, user_id: member.email },
      connected.context(),
    );
    journal().clear();
    const recent = await connected.connector.activities!.list!(
      { created_at: { gte: before } },
      connected.context(),
    );
    expect(recent.records.map((record) => record.unified)).toEqual([
      expect.objectContaining({
        action: 'REMOVE_GROUP_MEMBER',
        actor: expect.objectContaining({ email: connected.fake.adminEmail, type: 'user' }),
        entity: { email: member.email, type: 'user' },
        entity_type: 'user',
        organization_id: connected.fake.google.ids.customerId,
      }),
    ]);
    expect(
      journal()
        .forRoute('activities.list')
        .map((entry) => [entry.path, entry.query]),
    ).toEqual([
      ['/admin/reports/v1/activity/users/all/applications/admin', { startTime: before, maxResults: '100' }],
    ]);
  });

  it('pages through older activities by an actor, with a strict time bound moved by a millisecond', async () => {
    journal().clear();
    const seen: string[] = [];
    let cursor: string | undefined;
    const end = '2021-01-04T09:30:00.000Z';
    do {
      const page = await connected.connector.activities!.list!(
        { user_id: connected.fake.adminEmail, created_at: { lt: end }, limit: 7, cursor },
        connected.context(),
      );
      seen.push(...page.records.map((record) => record.unified.created_at ?? ''));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = connected.fake.audit
      .list({ actor: connected.fake.adminEmail, end: Date.parse(end) - 1 })
      .map((activity) => activity.id.time);
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(7);
    expect(journal().forRoute('activities.list')[0]?.query).toEqual({
      endTime: '2021-01-04T09:29:59.999Z',
      maxResults: '7',
    });
    expect(journal().forRoute('activities.list')[0]?.path).toContain(
      `/users/${encodeURIComponent(connected.fake.adminEmail)}/`,
    );
  });
});

describe('google-workspace list cursors', () => {
  let connected: ConnectedFake;

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 10 });
  });
  afterAll(() => connected.close());

  it('refuses a cursor of another list before any call', async () => {
    const roles = await connected.connector.roles!.list!({ limit: 1 }, connected.context());
    connected.fake.server.journal.clear();
    await expect(
      connected.connector.activities!.list!({ cursor: roles.nextCursor! }, connected.context()),
    ).rejects.toMatchObject({ code: 'invalid_cursor' });
    expect(connected.fake.server.journal.entries).toEqual([]);
  });
});

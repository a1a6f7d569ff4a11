import { seedId } from '@unidir/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';

const root = '/admin/directory/v1';

describe('google-workspace users against the fake', () => {
  let connected: ConnectedFake;
  const users = () => connected.connector.users!;
  const directoryCalls = () =>
    connected.fake.server.journal.entries
      .filter((entry) => entry.route !== 'token')
      .map((entry) => ({ method: entry.method, path: entry.path }));
  const seedUser = (index: number) =>
    connected.fake.directory.userById(seedId(connected.fake.directory.seed, 'user', index), {
      includeDeleted: true,
    })!;
  const googleId = (index: number) => connected.fake.google.ids.userId(index);

  beforeEach(async () => {
    connected = await startConnectedFake({ users: 30, groups: 3 });
  });
  afterEach(() => connected.close());

  describe('list', () => {
    it('pages through every user with maxResults from limit and the page token behind the cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await users().list!({ limit: 7, cursor }, connected.context());
        seen.push(...page.records.map((record) => record.unified.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
      const lists = connected.fake.server.journal.forRoute('users.list');
      expect(lists).toHaveLength(5);
      expect(lists[0]?.query).toEqual({ customer: 'my_customer', maxResults: '7' });
      expect(lists[1]?.query.pageToken).toEqual(expect.any(String));
    });

    it('clamps limit to 500 and lists by domain when the settings name one', async () => {
      const byDomain = await startConnectedFake({ users: 3, settings: { domain: 'unidir.test' } });
      try {
        await byDomain.connector.users!.list!({ limit: 1000 }, byDomain.context());
        expect(byDomain.fake.server.journal.forRoute('users.list')[0]?.query).toEqual({
          domain: 'unidir.test',
          maxResults: '500',
        });
      } finally {
        await byDomain.close();
      }
    });

    it('finds a user by email with a query and returns an empty page when none matches', async () => {
      const target = seedUser(4);
      const found = await users().list!({ email: target.email }, connected.context());
      expect(found.records.map((record) => record.unified.username)).toEqual([target.email]);
      expect(connected.fake.server.journal.forRoute('users.list')[0]?.query.query).toBe(
        `email:'${target.email}'`,
      );
      const none = await users().list!({ email: 'nobody@unidir.test' }, connected.context());
      expect(none).toEqual({ records: [], nextCursor: null });
    });

    it('filters on status through isSuspended', async () => {
      const inactive = await users().list!({ status: 'inactive' }, connected.context());
      const expected = connected.fake.directory
        .listUsers({ offset: 0, limit: 30 })
        .users.filter((user) => user.suspended);
      expect(inactive.records.map((record) => record.unified.status)).toEqual(expected.map(() => 'inactive'));
      expect(inactive.records).toHaveLength(expected.length);
    });

    it('include_deleted pages through active users, then deleted ones', async () => {
      await users().delete!({ id: googleId(2) }, connected.context());
      const first = await users().list!({ limit: 100, include_deleted: true }, connected.context());
      expect(first.records).toHaveLength(29);
      expect(first.nextCursor).not.toBeNull();
      const second = await users().list!(
        { limit: 100, include_deleted: true, cursor: first.nextCursor! },
        connected.context(),
      );
      expect(second.records.map((record) => [record.unified.id, record.unified.status])).toEqual([
        [googleId(2), 'deleted'],
      ]);
      expect(second.nextCursor).toBeNull();
      expect(
        connected.fake.server.journal.forRoute('users.list').map((entry) => entry.query.showDeleted),
      ).toEqual([undefined, 'true']);
    });

    it('lists the members of a group with one members.list and one users.get per member', async () => {
      const group = connected.fake.directory.listGroups({ offset: 1, limit: 1 }).groups[0]!;
      const memberIds = connected.fake.directory.memberIdsOfGroup(group.id);
      const page = await users().list!(
        { group_id: connected.fake.google.ids.groupId(group.index) },
        connected.context(),
      );
      const expected = memberIds.map((id) =>
        connected.fake.google.ids.userId(connected.fake.directory.userById(id)!.index),
      );
      expect(page.records.map((record) => record.unified.id)).toEqual(expected);
      expect(connected.fake.server.journal.forRoute('members.list')).toHaveLength(1);
      expect(connected.fake.server.journal.forRoute('users.get')).toHaveLength(memberIds.length);
    });

    it('refuses filters the Directory API cannot apply, before any call', async () => {
      await expect(
        users().list!({ created_at: { gte: '2026-01-01T00:00:00Z' } }, connected.context()),
      ).rejects.toMatchObject({
        code: 'unsupported_parameter',
      });
      await expect(
        users().list!({ group_id: 'x', email: 'a@b.c' }, connected.context()),
      ).rejects.toMatchObject({
        code: 'unsupported_parameter',
      });
      await expect(
        users().list!({}, connected.context({ remoteQuery: { customer: 'C0other' } })),
      ).rejects.toMatchObject({ code: 'remote_query_conflict' });
      expect(directoryCalls()).toEqual([]);
    });

    it('passes remote_query through', async () => {
      await users().list!({}, connected.context({ remoteQuery: { orderBy: 'email' } }));
      expect(connected.fake.server.journal.forRoute('users.list')[0]?.query.orderBy).toBe('email');
    });
  });

  describe('get', () => {
    it('gets a user by id or primary email, with groups from one groups.list?userKey=', async () => {
      const target = seedUser(7);
      const byEmail = await users().get!({ id: target.email }, connected.context());
      const byId = await users().get!({ id: googleId(7) }, connected.context());
      expect(byEmail.unified).toEqual(byId.unified);
      const expectedGroups = connected.fake.directory.groupIdsOfUser(target.id).map((id) => {
        const group = connected.fake.directory.groupById(id)!;
        return { id: connected.fake.google.ids.groupId(group.index), name: group.name };
      });
      expect(byId.unified.groups).toEqual(expectedGroups);
      expect(connected.fake.server.journal.forRoute('groups.list').map((entry) => entry.query)).toEqual([
        { userKey: googleId(7), maxResults: '200' },
        { userKey: googleId(7), maxResults: '200' },
      ]);
    });

    it('answers not_found for an unknown user', async () => {
      await expect(users().get!({ id: 'nobody@unidir.test' }, connected.context())).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });

  describe('create and update', () => {
    it('creates with users.insert and refuses a create without password before any call', async () => {
      const body = {
        first_name: 'Grace',
        last_name: 'Hopper',
        emails: [{ email: 'grace.hopper@unidir.test', is_primary: true }],
        title: 'Rear Admiral',
      };
      await expect(users().create!({ body }, connected.context())).rejects.toMatchObject({
        code: 'missing_required_fields',
        details: { fields: ['password'] },
      });
      expect(directoryCalls()).toEqual([]);
      const created = await users().create!(
        { body: { ...body, password: 'COBOL-1959!' } },
        connected.context(),
      );
      expect(created?.unified).toMatchObject({
        first_name: 'Grace',
        last_name: 'Hopper',
        title: 'Rear Admiral',
        username: 'grace.hopper@unidir.test',
        status: 'active',
      });
      expect(created?.unified).not.toHaveProperty('last_login_at');
      const insert = connected.fake.server.journal.forRoute('users.insert');
      expect(insert).toHaveLength(1);
      expect(insert[0]?.body).toMatchObject({
        password: 'COBOL-1959!',
        primaryEmail: 'grace.hopper@unidir.test',
      });
    });

    it('updates with users.patch and returns the user Google answers with', async () => {
      const updated = await users().update!(
        { id: googleId(5), body: { status: 'inactive', last_name: 'Renamed' } },
        connected.context(),
      );
      expect(updated?.unified).toMatchObject({ id: googleId(5), status: 'inactive', last_name: 'Renamed' });
      expect(directoryCalls()).toEqual([{ method: 'PATCH', path: `${root}/users/${googleId(5)}` }]);
      expect(connected.fake.server.journal.forRoute('users.patch')[0]?.body).toEqual({
        name: { familyName: 'Renamed' },
        suspended: true,
      });
    });

    it('plans but does not send a create in a dry run', async () => {
      const context = connected.context({ dryRun: true });
      const result = await users().create!(
        {
          body: {
            first_name: 'Dry',
            last_name: 'Run',
            emails: [{ email: 'dry.run@unidir.test', is_primary: true }],
            password: 'long enough',
          },
        },
        context,
      );
      expect(result).toBeNull();
      expect(context.providerCalls).toEqual([
        expect.objectContaining({ method: 'POST', outcome: 'planned' }),
      ]);
      expect(directoryCalls()).toEqual([]);
    });
  });

  describe('delete', () => {
    it('default: one users.delete; the user is then listed only with showDeleted', async () => {
      const result = await users().delete!({ id: googleId(3) }, connected.context());
      expect(result).toEqual({
        id: googleId(3),
        actions: [{ action: 'soft_delete', target: googleId(3), outcome: 'done' }],
      });
      expect(directoryCalls()).toEqual([{ method: 'DELETE', path: `${root}/users/${googleId(3)}` }]);
      const deleted = await users().list!({ status: 'deleted' }, connected.context());
      expect(deleted.records.map((record) => record.unified.id)).toEqual([googleId(3)]);
    });

    it('permanent=true is refused before any call, saying why', async () => {
      const refusal = users().delete!({ id: googleId(3), permanent: true }, connected.context());
      await expect(refusal).rejects.toMatchObject({ code: 'unsupported_parameter', parameter: 'permanent' });
      await expect(refusal).rejects.toThrow(/restorable for 20 days.*no call to purge/);
      expect(connected.fake.server.journal.entries).toEqual([]);
    });

    it('refuses remote_query before any call, as deletes take no provider query', async () => {
      const refusal = users().delete!(
        { id: googleId(3), remote_query: { customer: 'other' } },
        connected.context(),
      );
      await expect(refusal).rejects.toMatchObject({
        code: 'unsupported_parameter',
        parameter: 'remote_query',
      });
      expect(connected.fake.server.journal.entries).toEqual([]);
    });

    it.each([
      [
        'remove_from=group',
        (groupId: string) => ({ remove_from: 'group' as const, remove_from_id: groupId }),
      ],
      ['group_id', (groupId: string) => ({ group_id: groupId })],
    ])('%s: members.delete only; the user stays', async (_name, options) => {
      const target = seedUser(0);
      const groupId = connected.fake.directory.groupIdsOfUser(target.id)[0]!;
      const googleGroupId = connected.fake.google.ids.groupId(
        connected.fake.directory.groupById(groupId)!.index,
      );
      const result = await users().delete!(
        { id: googleId(0), ...options(googleGroupId) },
        connected.context(),
      );
      expect(result.actions).toEqual([
        { action: 'remove_from_group', target: googleGroupId, outcome: 'done' },
      ]);
      expect(directoryCalls()).toEqual([
        { method: 'DELETE', path: `${root}/groups/${googleGroupId}/members/${googleId(0)}` },
      ]);
      expect(connected.fake.directory.isMember(groupId, target.id)).toBe(false);
      expect(connected.fake.directory.userById(target.id)).toBeDefined();
    });

    it('user_type reads the user first and refuses a mismatch without deleting', async () => {
      const admin = seedUser(0);
      expect(admin.isAdmin).toBe(true);
      await expect(
        users().delete!({ id: googleId(0), user_type: 'end_user' }, connected.context()),
      ).rejects.toMatchObject({
        code: 'user_type_mismatch',
      });
      expect(directoryCalls()).toEqual([{ method: 'GET', path: `${root}/users/${googleId(0)}` }]);
      const result = await users().delete!(
        { id: googleId(1), user_type: 'end_user', product: 'workspace' },
        connected.context(),
      );
      expect(result.user?.unified.user_type).toBe('end_user');
      expect(directoryCalls().slice(1)).toEqual([
        { method: 'GET', path: `${root}/users/${googleId(1)}` },
        { method: 'DELETE', path: `${root}/users/${googleId(1)}` },
      ]);
    });

    it.each([
      [{ remove_from: 'organization' as const, remove_from_id: 'x' }, 'unsupported_parameter'],
      [{ organization_id: 'x' }, 'unsupported_parameter'],
      [{ workspace_id: 'x' }, 'unsupported_parameter'],
      [{ product: 'azure_active_directory' as const }, 'unsupported_parameter'],
      [{ remove_from: 'group' as const }, 'missing_parameter'],
      [{ remove_from: 'group' as const, remove_from_id: 'a', group_id: 'b' }, 'validation_failed'],
    ])('refuses %j before any call', async (options, code) => {
      await expect(
        users().delete!({ id: googleId(1), ...options }, connected.context()),
      ).rejects.toMatchObject({ code });
      expect(connected.fake.server.journal.entries).toEqual([]);
    });

    it('a delete retried after a 503 that had committed reports already_done and never deletes twice', async () => {
      connected.fake.server.injectFault({
        route: 'users.delete',
        nth: [1],
        fault: { kind: 'commit-then-fail', status: 503 },
      });
      const result = await users().delete!({ id: googleId(6) }, connected.context());
      expect(result.actions).toEqual([
        { action: 'soft_delete', target: googleId(6), outcome: 'already_done' },
      ]);
      const deletes = connected.fake.server.journal.forRoute('users.delete');
      expect(deletes.map((entry) => entry.status)).toEqual([503, 404]);
    });

    it('a dry run plans the delete without sending it', async () => {
      const context = connected.context({ dryRun: true });
      const result = await users().delete!({ id: googleId(6) }, context);
      expect(result.actions).toEqual([{ action: 'soft_delete', target: googleId(6), outcome: 'planned' }]);
      expect(directoryCalls()).toEqual([]);
    });
  });
});

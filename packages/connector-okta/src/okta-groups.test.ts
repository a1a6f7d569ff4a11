import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './okta-test-harness.js';

/** Group writes and memberships, journal-exact, including retries after lost answers. */
describe('okta groups', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ users: 30 });
  });
  afterEach(() => harness.close());

  /** Seeded user 1 and a seeded group it is not in. */
  function userAndOtherGroup() {
    const { id } = harness.seededUser(1);
    const memberOf = harness.fake.directory.groupIdsOfUser(id);
    const groupId = harness.fake.directory
      .listGroups({ offset: 0, limit: 100 })
      .groups.find((group) => !memberOf.includes(group.id))!.id;
    return { userId: id, groupId };
  }

  it('addUser sends one PUT and makes the user a member', async () => {
    const { userId, groupId } = userAndOtherGroup();
    const result = await harness.groups.addUser!({ group_id: groupId, user_id: userId }, harness.context());
    expect(result).toEqual({ group_id: groupId, user_id: userId, action: 'add_to_group', outcome: 'done' });
    expect(harness.journal()).toEqual([`PUT /api/v1/groups/${groupId}/users/${userId}`]);
    expect(harness.fake.directory.isMember(groupId, userId)).toBe(true);
  });

  it('addUser whose answer is lost repeats the PUT (Okta answers 204 to a member), leaving one membership', async () => {
    const { userId, groupId } = userAndOtherGroup();
    harness.fake.server.injectFault({
      route: 'groups.addUser',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const result = await harness.groups.addUser!({ group_id: groupId, user_id: userId }, harness.context());
    expect(result.outcome).toBe('done');
    expect(harness.fake.server.journal.forRoute('groups.addUser').map((entry) => entry.status)).toEqual([
      0, 204,
    ]);
    expect(harness.fake.directory.memberIdsOfGroup(groupId).filter((id) => id === userId)).toHaveLength(1);
  });

  it('addUser in a dry run sends nothing and reports planned', async () => {
    const { userId, groupId } = userAndOtherGroup();
    const result = await harness.groups.addUser!(
      { group_id: groupId, user_id: userId },
      harness.context({ dryRun: true }),
    );
    expect(result.outcome).toBe('planned');
    expect(harness.journal()).toEqual([]);
    expect(harness.fake.directory.isMember(groupId, userId)).toBe(false);
  });

  it('removeUser sends one DELETE; its retry after a lost answer is already_done', async () => {
    const { id: userId } = harness.seededUser(1);
    const [groupId] = harness.fake.directory.groupIdsOfUser(userId);
    harness.fake.server.injectFault({
      route: 'groups.removeUser',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 502 },
    });
    const result = await harness.groups.removeUser!(
      { group_id: groupId!, user_id: userId },
      harness.context(),
    );
    expect(result).toEqual({
      group_id: groupId,
      user_id: userId,
      action: 'remove_from_group',
      outcome: 'already_done',
    });
    expect(harness.fake.server.journal.forRoute('groups.removeUser').map((entry) => entry.status)).toEqual([
      502, 404,
    ]);
    expect(harness.fake.directory.isMember(groupId!, userId)).toBe(false);
  });

  it('removeUser of a member: one DELETE, done', async () => {
    const { id: userId } = harness.seededUser(1);
    const [groupId] = harness.fake.directory.groupIdsOfUser(userId);
    const result = await harness.groups.removeUser!(
      { group_id: groupId!, user_id: userId },
      harness.context(),
    );
    expect(result.outcome).toBe('done');
    expect(harness.journal()).toEqual([`DELETE /api/v1/groups/${groupId}/users/${userId}`]);
  });

  it("passes on Okta's 403 for the Everyone group, which the API cannot change", async () => {
    const { id: userId } = harness.seededUser(1);
    const groupId = harness.fake.groups.everyoneId;
    await expect(
      harness.groups.removeUser!({ group_id: groupId, user_id: userId }, harness.context()),
    ).rejects.toMatchObject({
      httpStatus: 403,
      details: { provider_error: { errorCode: 'E0000006' } },
    });
    expect(harness.journal()).toHaveLength(1);
  });

  it('creates, updates (read, then PUT of the merged profile) and deletes a group, each exactly', async () => {
    const created = await harness.groups.create!(
      { body: { name: 'Auditors', description: 'Reads logs' } },
      harness.context(),
    );
    const id = created!.unified.id;
    expect(created!.unified).toMatchObject({
      name: 'Auditors',
      description: 'Reads logs',
      group_type: 'group',
    });
    harness.fake.server.journal.clear();
    const updated = await harness.groups.update!(
      { id, body: { description: 'Reads every log' } },
      harness.context(),
    );
    expect(updated!.unified).toMatchObject({ name: 'Auditors', description: 'Reads every log' });
    expect(harness.journal()).toEqual([`GET /api/v1/groups/${id}`, `PUT /api/v1/groups/${id}`]);
    expect(harness.fake.server.journal.forRoute('groups.replace')[0]?.body).toEqual({
      profile: { name: 'Auditors', description: 'Reads every log' },
    });
    harness.fake.server.journal.clear();
    harness.fake.server.injectFault({
      route: 'groups.delete',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const deleted = await harness.groups.delete!({ id }, harness.context());
    expect(deleted.actions).toEqual([{ action: 'delete_group', target: id, outcome: 'already_done' }]);
    expect(harness.journal()).toEqual([`DELETE /api/v1/groups/${id}`, `DELETE /api/v1/groups/${id}`]);
    expect(harness.fake.groups.exists(id)).toBe(false);
  });

  it('refuses a users cursor given to the groups list, before any call', async () => {
    const users = await harness.users.list!({ limit: 2 }, harness.context());
    harness.fake.server.journal.clear();
    await expect(
      harness.groups.list!({ cursor: users.nextCursor! }, harness.context()),
    ).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    expect(harness.journal()).toEqual([]);
  });

  it('refuses a group body field Okta cannot store, before any call', async () => {
    await expect(
      harness.groups.create!(
        { body: { name: 'X', emails: [{ email: 'x@unidir.test' }] } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    expect(harness.journal()).toEqual([]);
  });

  it("lists groups page by page with member counts, and a user's groups in one request", async () => {
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await harness.groups.list!({ limit: 2, ...(cursor ? { cursor } : {}) }, harness.context());
      pages.push(page.records.map((record) => record.unified));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const groups = pages.flat();
    expect(groups.map((group) => group.id)).toEqual(harness.fake.groups.ids());
    expect(groups[0]).toMatchObject({ name: 'Everyone', group_type: 'built_in', member_count: 30 });
    const seeded = harness.fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    expect(groups.find((group) => group.id === seeded.id)?.member_count).toBe(
      harness.fake.directory.memberIdsOfGroup(seeded.id).length,
    );
    harness.fake.server.journal.clear();
    const { id: userId } = harness.seededUser(7);
    const mine = await harness.groups.list!({ user_id: userId }, harness.context());
    expect(mine.records.map((record) => record.unified.id).sort()).toEqual(
      [harness.fake.groups.everyoneId, ...harness.fake.directory.groupIdsOfUser(userId)].sort(),
    );
    expect(harness.journal()).toEqual([`GET /api/v1/users/${userId}/groups`]);
  });
});

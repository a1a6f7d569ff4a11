import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';

/** add-user and remove-user are exact: one provider call each, and a retry after a lost answer never acts twice. */
describe('google-workspace group membership against the fake', () => {
  let connected: ConnectedFake;
  const groups = () => connected.connector.groups!;
  const journal = () => connected.fake.server.journal;
  const membershipCalls = () =>
    journal().entries.filter((entry) => entry.route === 'members.insert' || entry.route === 'members.delete');

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 40, groups: 4, connector: { retry: { baseDelayMs: 5 } } });
  });
  afterAll(() => connected.close());
  afterEach(() => connected.fake.server.clearFaults());

  /** A seeded user outside the group, and the Google ids of both. */
  function outsider(groupIndex: number) {
    const group = connected.fake.directory.listGroups({ offset: groupIndex, limit: 1 }).groups[0]!;
    const user = connected.fake.directory
      .listUsers({ offset: 0, limit: 40 })
      .users.find((candidate) => !connected.fake.directory.isMember(group.id, candidate.id))!;
    return {
      group,
      user,
      groupId: connected.fake.google.ids.groupId(group.index),
      userId: connected.fake.google.ids.userId(user.index),
    };
  }

  it('refuses a remote_query on add-user and remove-user rather than dropping it, before any call', async () => {
    const { groupId, userId } = outsider(0);
    journal().clear();
    for (const operation of ['addUser', 'removeUser'] as const) {
      await expect(
        groups()[operation]!(
          { group_id: groupId, user_id: userId, remote_query: { sendEmail: 'true' } },
          connected.context(),
        ),
      ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    }
    expect(membershipCalls()).toEqual([]);
  });

  it('adds a user with exactly one members.insert', async () => {
    const { group, user, groupId, userId } = outsider(0);
    journal().clear();
    const result = await groups().addUser!({ group_id: groupId, user_id: userId }, connected.context());
    expect(result).toEqual({ group_id: groupId, user_id: userId, action: 'add_to_group', outcome: 'done' });
    expect(membershipCalls().map((entry) => [entry.method, entry.path, entry.body])).toEqual([
      ['POST', `/admin/directory/v1/groups/${groupId}/members`, { id: userId, role: 'MEMBER' }],
    ]);
    expect(connected.fake.directory.isMember(group.id, user.id)).toBe(true);
  });

  it('never repeats members.insert after a lost answer; the caller retry reads 409 as already_done', async () => {
    const { group, user, groupId } = outsider(1);
    connected.fake.server.injectFault({
      route: 'members.insert',
      times: 1,
      fault: { kind: 'commit-then-fail', status: 503 },
    });
    journal().clear();
    await expect(
      groups().addUser!({ group_id: groupId, user_id: user.email }, connected.context()),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(membershipCalls()).toHaveLength(1);
    expect(connected.fake.directory.isMember(group.id, user.id)).toBe(true);

    const context = connected.context();
    const retried = await groups().addUser!({ group_id: groupId, user_id: user.email }, context);
    expect(retried.outcome).toBe('already_done');
    expect(membershipCalls().map((entry) => entry.status)).toEqual([503, 409]);
    expect(context.providerCalls.map((call) => call.outcome)).toEqual(['already_done']);
    expect(connected.fake.google.groups.memberIds(group.id).filter((id) => id === user.id)).toHaveLength(1);
  });

  it('removes a user with exactly one members.delete and leaves the user in every other group', async () => {
    const group = connected.fake.directory.listGroups({ offset: 2, limit: 1 }).groups[0]!;
    const memberId = connected.fake.directory.memberIdsOfGroup(group.id)[0]!;
    const member = connected.fake.directory.userById(memberId)!;
    const otherGroups = connected.fake.directory.groupIdsOfUser(memberId).filter((id) => id !== group.id);
    const groupId = connected.fake.google.ids.groupId(group.index);
    const userId = connected.fake.google.ids.userId(member.index);
    journal().clear();
    const result = await groups().removeUser!({ group_id: groupId, user_id: userId }, connected.context());
    expect(result.outcome).toBe('done');
    expect(journal().entries.map((entry) => [entry.route, entry.method, entry.path])).toEqual([
      ['members.delete', 'DELETE', `/admin/directory/v1/groups/${groupId}/members/${userId}`],
    ]);
    expect(connected.fake.directory.isMember(group.id, memberId)).toBe(false);
    expect(connected.fake.directory.groupIdsOfUser(memberId).filter((id) => id !== group.id)).toEqual(
      otherGroups,
    );
    expect(connected.fake.directory.userById(memberId)).toBeDefined();
  });

  it('reports already_done when a lost answer is retried, within the call and by the caller', async () => {
    const group = connected.fake.directory.listGroups({ offset: 3, limit: 1 }).groups[0]!;
    const memberId = connected.fake.directory.memberIdsOfGroup(group.id)[0]!;
    const member = connected.fake.directory.userById(memberId)!;
    const groupId = connected.fake.google.ids.groupId(group.index);
    connected.fake.server.injectFault({
      route: 'members.delete',
      times: 1,
      fault: { kind: 'commit-then-fail', status: 503 },
    });
    journal().clear();
    const within = await groups().removeUser!(
      { group_id: groupId, user_id: member.email },
      connected.context(),
    );
    expect(within.outcome).toBe('already_done');
    // R4: the DELETE is repeated once; the membership was removed once.
    expect(membershipCalls().map((entry) => [entry.handled, entry.status])).toEqual([
      [true, 503],
      [true, 404],
    ]);
    journal().clear();
    const byCaller = await groups().removeUser!(
      { group_id: groupId, user_id: member.email },
      connected.context(),
    );
    expect(byCaller.outcome).toBe('already_done');
    expect(membershipCalls()).toHaveLength(1);
    expect(connected.fake.directory.isMember(group.id, memberId)).toBe(false);
  });

  it('answers not_found for a group that does not exist, after one call', async () => {
    const user = connected.fake.directory.listUsers({ offset: 5, limit: 1 }).users[0]!;
    journal().clear();
    await expect(
      groups().removeUser!(
        { group_id: 'no-such-group@unidir.test', user_id: user.email },
        connected.context(),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      groups().addUser!({ group_id: 'no-such-group@unidir.test', user_id: user.email }, connected.context()),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(membershipCalls()).toHaveLength(2);
  });

  it('plans without calling in a dry run', async () => {
    const { group, user, groupId, userId } = outsider(2);
    journal().clear();
    const context = connected.context({ dryRun: true });
    const added = await groups().addUser!({ group_id: groupId, user_id: userId }, context);
    const removed = await groups().removeUser!({ group_id: groupId, user_id: userId }, context);
    expect([added.outcome, removed.outcome]).toEqual(['planned', 'planned']);
    expect(context.providerCalls.map((call) => [call.method, call.outcome])).toEqual([
      ['POST', 'planned'],
      ['DELETE', 'planned'],
    ]);
    expect(membershipCalls()).toEqual([]);
    expect(connected.fake.directory.isMember(group.id, user.id)).toBe(false);
  });
});

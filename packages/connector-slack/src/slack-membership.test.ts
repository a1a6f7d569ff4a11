import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack groups.addUser and groups.removeUser', () => {
  let harness: Harness;
  /** The first seeded group (S00000000) and its members as Slack ids. */
  const group = () => {
    const seed = harness.fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    return { seed, id: harness.fake.groupId(seed), members: () => harness.fake.org.memberIdsOf(seed) };
  };
  const membership = (userId: string, groupId: string) => ({ user_id: userId, group_id: groupId });

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('adds with one members read and one SCIM add naming only that user', async () => {
    const target = group();
    const { id: userId } = harness.seedUser(1);
    const before = target.members();
    expect(before).not.toContain(userId);
    const result = await harness.groups.addUser!(membership(userId, target.id), harness.context());
    expect(result).toEqual({ group_id: target.id, user_id: userId, action: 'add_to_group', outcome: 'done' });
    expect(harness.journal()).toEqual([
      'GET /api/usergroups.users.list',
      `PATCH /scim/v2/Groups/${target.id}`,
    ]);
    expect(harness.fake.server.journal.forRoute('scim.groups.patch')[0]?.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
    });
    expect(target.members().sort()).toEqual([...before, userId].sort());
  });

  it('answers already_done with no write when the user already is a member', async () => {
    const target = group();
    const [memberId] = target.members();
    const result = await harness.groups.addUser!(membership(memberId!, target.id), harness.context());
    expect(result.outcome).toBe('already_done');
    expect(harness.journal()).toEqual(['GET /api/usergroups.users.list']);
  });

  it('removes exactly that member: every other member stays', async () => {
    const target = group();
    const before = target.members();
    const leaving = before[1]!;
    const result = await harness.groups.removeUser!(membership(leaving, target.id), harness.context());
    expect(result).toEqual({
      group_id: target.id,
      user_id: leaving,
      action: 'remove_from_group',
      outcome: 'done',
    });
    expect(harness.journal()).toEqual([
      'GET /api/usergroups.users.list',
      `PATCH /scim/v2/Groups/${target.id}`,
    ]);
    expect(harness.fake.server.journal.forRoute('scim.groups.patch')[0]?.body).toMatchObject({
      Operations: [{ op: 'remove', path: `members[value eq "${leaving}"]` }],
    });
    expect(target.members()).toEqual(before.filter((id) => id !== leaving));
  });

  it('a repeat after a lost answer is already_done: one PATCH reached Slack in all', async () => {
    const target = group();
    const before = target.members();
    const leaving = before[0]!;
    harness.fake.server.injectFault({
      route: 'scim.groups.patch',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    await expect(
      harness.groups.removeUser!(membership(leaving, target.id), harness.context()),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    const repeat = await harness.groups.removeUser!(membership(leaving, target.id), harness.context());
    expect(repeat.outcome).toBe('already_done');
    expect(harness.fake.server.journal.forRoute('scim.groups.patch')).toHaveLength(1);
    expect(target.members()).toEqual(before.filter((id) => id !== leaving));
  });

  it('never drops a member someone else adds between our read and our write', async () => {
    const target = group();
    const before = target.members();
    const leaving = before[0]!;
    const newcomer = harness.seedUser(2);
    expect(before).not.toContain(newcomer.id);
    harness.fake.server.injectFault({
      route: 'scim.groups.patch',
      nth: [1],
      fault: { kind: 'delay', ms: 300 },
    });
    const removal = harness.groups.removeUser!(membership(leaving, target.id), harness.context());
    while (harness.fake.server.journal.forRoute('scim.groups.patch').length === 0) await sleep(5);
    // Our read is done and our write is on its way: another admin adds someone now.
    harness.fake.directory.addMember(target.seed.id, newcomer.seed.id);
    expect((await removal).outcome).toBe('done');
    expect(target.members().sort()).toEqual([...before.filter((id) => id !== leaving), newcomer.id].sort());
  });

  it('plans the change in a dry run and sends no write', async () => {
    const target = group();
    const before = target.members();
    const result = await harness.groups.removeUser!(
      membership(before[0]!, target.id),
      harness.context({ dryRun: true }),
    );
    expect(result.outcome).toBe('planned');
    expect(harness.journal()).toEqual(['GET /api/usergroups.users.list']);
    expect(target.members()).toEqual(before);
  });

  it('refuses a remote_query (it would be ignored) and ids that are not Slack ids, before any call', async () => {
    const target = group();
    await expect(
      harness.groups.addUser!(
        { ...membership(harness.seedUser(1).id, target.id), remote_query: { usergroup: 'S00000002' } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    await expect(
      harness.groups.removeUser!(membership('W1" or "1', target.id), harness.context()),
    ).rejects.toMatchObject({ code: 'invalid_id' });
    expect(harness.journal()).toEqual([]);
  });

  it('answers NotFoundError for an unknown group (Slack: no_such_subteam)', async () => {
    await expect(
      harness.groups.removeUser!(membership(harness.seedUser(1).id, 'S0ZZZZZZZ'), harness.context()),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { groupMembershipParametersSchema } from '@unidir/core';
import type { Fault } from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './github-test-harness.js';
import { loginOf, personIdOf, slugOf } from './testing/github-fake-records.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('github teams as groups', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  /** Member 1, a team it is on, and one it is not on. */
  function fixture() {
    const { directory } = harness.fake;
    const member = directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    const [memberOf] = directory.groupIdsOfUser(member.id);
    const other = directory
      .listGroups({ offset: 0, limit: directory.groupCount })
      .groups.find((group) => !directory.isMember(group.id, member.id))!;
    const teamId = (groupId: string) =>
      `${harness.organization}/${slugOf(directory.groupById(groupId)!.name)}`;
    return {
      member,
      login: loginOf(member),
      accountId: String(personIdOf(member.index)),
      joined: { groupId: memberOf!, teamId: teamId(memberOf!) },
      notJoined: { groupId: other.id, teamId: teamId(other.id) },
    };
  }

  const membership = (group_id: string, user_id: string) =>
    groupMembershipParametersSchema.parse({ group_id, user_id });
  const teamPath = (teamId: string, login: string) =>
    `/orgs/${teamId.replace('/', '/teams/')}/memberships/${login}`;

  it('adds a user named by login with exactly one PUT to the team membership', async () => {
    harness = await startHarness({ users: 12 });
    const { member, login, notJoined } = fixture();
    const result = await harness.groups.addUser!(membership(notJoined.teamId, login), harness.context());
    expect(result).toEqual({
      group_id: notJoined.teamId,
      user_id: login,
      action: 'add_to_group',
      outcome: 'done',
    });
    expect(harness.journal()).toEqual([
      `GET /orgs/unidir-test/memberships/${login} 200`,
      `PUT ${teamPath(notJoined.teamId, login)} 200`,
    ]);
    expect(harness.fake.directory.isMember(notJoined.groupId, member.id)).toBe(true);
  });

  it('adds a user named by account id: one profile read, then the PUT', async () => {
    harness = await startHarness({ users: 12 });
    const { accountId, login, notJoined } = fixture();
    await harness.groups.addUser!(membership(notJoined.teamId, accountId), harness.context());
    expect(harness.journal()).toEqual([
      `GET /user/${accountId} 200`,
      `GET /orgs/unidir-test/memberships/${login} 200`,
      `PUT ${teamPath(notJoined.teamId, login)} 200`,
    ]);
  });

  const lostAnswers: Array<[string, Fault, number]> = [
    ['a 503', { kind: 'commit-then-fail', status: 503 }, 503],
    ['a connection reset', { kind: 'commit-then-fail' }, 0],
  ];
  for (const [answer, fault, firstStatus] of lostAnswers) {
    it(`repeats the add PUT once after ${answer} that followed its commit: the membership is made once`, async () => {
      harness = await startHarness({ users: 12 });
      const { member, login, notJoined } = fixture();
      harness.fake.server.injectFault({ route: 'team_memberships.set', nth: [1], fault });
      const result = await harness.groups.addUser!(membership(notJoined.teamId, login), harness.context());
      expect(result.outcome).toBe('done');
      const path = teamPath(notJoined.teamId, login);
      expect(harness.journal()).toEqual([
        `GET /orgs/unidir-test/memberships/${login} 200`,
        `PUT ${path} ${firstStatus}`,
        `PUT ${path} 200`,
      ]);
      expect(
        harness.fake.directory.memberIdsOfGroup(notJoined.groupId).filter((id) => id === member.id),
      ).toHaveLength(1);
    });

    it(`reports already_done when the remove DELETE commits and ${answer} is all that comes back`, async () => {
      harness = await startHarness({ users: 12 });
      const { member, login, joined } = fixture();
      harness.fake.server.injectFault({ route: 'team_memberships.delete', nth: [1], fault });
      const result = await harness.groups.removeUser!(membership(joined.teamId, login), harness.context());
      expect(result).toEqual({
        group_id: joined.teamId,
        user_id: login,
        action: 'remove_from_group',
        outcome: 'already_done',
      });
      const path = teamPath(joined.teamId, login);
      expect(harness.journal()).toEqual([`DELETE ${path} ${firstStatus}`, `DELETE ${path} 404`]);
      expect(harness.fake.directory.isMember(joined.groupId, member.id)).toBe(false);
    });
  }

  it('removes a member with exactly one DELETE; a user not on the team is already_done, an unknown team not_found', async () => {
    harness = await startHarness({ users: 12 });
    const { login, joined, notJoined } = fixture();
    const result = await harness.groups.removeUser!(membership(joined.teamId, login), harness.context());
    expect(result.outcome).toBe('done');
    const notOnTeam = await harness.groups.removeUser!(
      membership(notJoined.teamId, login),
      harness.context(),
    );
    expect(notOnTeam.outcome).toBe('already_done');
    const unknownTeam = `${notJoined.teamId.split('/')[0]}/no-such-team`;
    await expect(
      harness.groups.removeUser!(membership(unknownTeam, login), harness.context()),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(harness.journal().filter((line) => line.startsWith('DELETE'))).toEqual([
      `DELETE ${teamPath(joined.teamId, login)} 204`,
      `DELETE ${teamPath(notJoined.teamId, login)} 404`,
      `DELETE ${teamPath(unknownTeam, login)} 404`,
    ]);
  });

  it('refuses to add someone outside the organization to a team: the PUT would invite them', async () => {
    harness = await startHarness({ users: 12 });
    const { notJoined } = fixture();
    await expect(
      harness.groups.addUser!(membership(notJoined.teamId, 'someone-outside'), harness.context()),
    ).rejects.toMatchObject({ code: 'not_an_organization_member', httpStatus: 400 });
    expect(harness.journal().filter((line) => line.startsWith('PUT'))).toEqual([]);
  });

  it('plans membership changes in a dry run without sending them', async () => {
    harness = await startHarness({ users: 12 });
    const { member, login, joined, notJoined } = fixture();
    const context = harness.context({ dryRun: true });
    expect((await harness.groups.addUser!(membership(notJoined.teamId, login), context)).outcome).toBe(
      'planned',
    );
    expect((await harness.groups.removeUser!(membership(joined.teamId, login), context)).outcome).toBe(
      'planned',
    );
    // Reads still happen in a dry run (the organization membership check); nothing is written.
    expect(harness.journal()).toEqual([`GET /orgs/unidir-test/memberships/${login} 200`]);
    expect(harness.fake.directory.isMember(joined.groupId, member.id)).toBe(true);
  });

  it('lists every team across pages, then creates, renames, reads and deletes one', async () => {
    harness = await startHarness({ users: 300 });
    const teams: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await harness.groups.list!({ limit: 4, ...(cursor ? { cursor } : {}) }, harness.context());
      teams.push(...page.records.map((record) => record.unified.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(teams).toHaveLength(harness.fake.directory.groupCount);
    expect(new Set(teams).size).toBe(teams.length);

    const created = await harness.groups.create!(
      { body: { name: 'Site Reliability', description: 'On call' } },
      harness.context(),
    );
    expect(created?.unified).toMatchObject({
      id: `${harness.organization}/site-reliability`,
      name: 'Site Reliability',
      description: 'On call',
      member_count: 0,
      group_type: 'team',
    });
    const renamed = await harness.groups.update!(
      { id: created!.unified.id, body: { name: 'SRE' } },
      harness.context(),
    );
    expect(renamed?.unified.id).toBe(`${harness.organization}/sre`);
    expect((await harness.groups.get!({ id: 'sre' }, harness.context())).unified.name).toBe('SRE');
    harness.fake.server.journal.clear();
    const deleted = await harness.groups.delete!({ id: renamed!.unified.id }, harness.context());
    expect(deleted.actions).toEqual([
      { action: 'delete_group', target: `${harness.organization}/sre`, outcome: 'done' },
    ]);
    expect(harness.journal()).toEqual([`DELETE /orgs/${harness.organization}/teams/sre 204`]);
    await expect(harness.groups.get!({ id: renamed!.unified.id }, harness.context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('plans team writes in a dry run: create and update return null, delete is planned, nothing is sent', async () => {
    harness = await startHarness({ users: 12 });
    const context = harness.context({ dryRun: true });
    const { joined } = fixture();
    expect(await harness.groups.create!({ body: { name: 'Ghost' } }, context)).toBeNull();
    expect(
      await harness.groups.update!({ id: joined.teamId, body: { description: 'x' } }, context),
    ).toBeNull();
    const deleted = await harness.groups.delete!({ id: joined.teamId }, context);
    expect(deleted.actions[0]?.outcome).toBe('planned');
    expect(harness.journal()).toEqual([]);
    expect(harness.fake.organizations.get(harness.organization)!.team('ghost')).toBeUndefined();
  });

  it('lists a team members through users.list group_id', async () => {
    harness = await startHarness({ users: 40 });
    const { joined } = fixture();
    const page = await harness.users.list!({ group_id: joined.teamId, limit: 100 }, harness.context());
    const expected = harness.fake.directory
      .memberIdsOfGroup(joined.groupId)
      .map((id) => String(personIdOf(harness.fake.directory.userById(id)!.index)));
    expect(page.records.map((record) => record.unified.id).sort()).toEqual(expected.sort());
  });
});

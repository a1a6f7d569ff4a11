import { deleteUserParametersSchema } from '@unidir/core';
import type { Fault } from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './github-test-harness.js';
import { loginOf, personIdOf, slugOf } from './testing/github-fake-records.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Each fault, and the status the journal records for the committed attempt (0: no answer). */
const lostAnswers: Array<[string, Fault, number]> = [
  ['a 503', { kind: 'commit-then-fail', status: 503 }, 503],
  ['a connection reset', { kind: 'commit-then-fail' }, 0],
];

describe('github users.delete', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  async function memberAt(index: number) {
    const member = harness.fake.directory.listUsers({ offset: index, limit: 1 }).users[0]!;
    return { member, login: loginOf(member), accountId: String(personIdOf(member.index)) };
  }

  function remove(parameters: Record<string, unknown>, dryRun = false) {
    return harness.users.delete!(deleteUserParametersSchema.parse(parameters), harness.context({ dryRun }));
  }

  it('removes a member named by login from the organization with exactly one DELETE', async () => {
    harness = await startHarness({ users: 12 });
    const { member, login } = await memberAt(1);
    const result = await remove({ id: login });
    expect(harness.journal()).toEqual([`DELETE /orgs/${harness.organization}/memberships/${login} 204`]);
    expect(result.actions).toEqual([
      { action: 'remove_from_organization', target: harness.organization, outcome: 'done' },
    ]);
    expect(harness.fake.directory.userById(member.id)).toBeUndefined();
  });

  it('sends X-GitHub-Api-Version and the GitHub media type on every call', async () => {
    harness = await startHarness({ users: 12 });
    const { accountId } = await memberAt(1);
    await remove({ id: accountId });
    const headers = harness.fake.server.journal.entries.map((entry) => entry.headers);
    expect(headers).toHaveLength(2);
    for (const sent of headers) {
      expect(sent['x-github-api-version']).toBe('2022-11-28');
      expect(sent.accept).toBe('application/vnd.github+json');
    }
  });

  for (const [answer, fault, firstStatus] of lostAnswers) {
    it(`reports already_done when the organization DELETE commits and ${answer} is all that comes back`, async () => {
      harness = await startHarness({ users: 12 });
      const { member, login } = await memberAt(1);
      harness.fake.server.injectFault({ route: 'memberships.delete', nth: [1], fault });
      const result = await remove({ id: login, organization_id: harness.organization });
      expect(harness.journal()).toEqual([
        `DELETE /orgs/${harness.organization}/memberships/${login} ${firstStatus}`,
        `DELETE /orgs/${harness.organization}/memberships/${login} 404`,
      ]);
      expect(result.actions[0]?.outcome).toBe('already_done');
      expect(harness.fake.directory.userById(member.id)).toBeUndefined();
    });

    it(`reports already_done when a team removal commits and ${answer} is all that comes back`, async () => {
      harness = await startHarness({ users: 12 });
      const { member, login } = await memberAt(1);
      const [groupId] = harness.fake.directory.groupIdsOfUser(member.id);
      const team = slugOf(harness.fake.directory.groupById(groupId!)!.name);
      harness.fake.server.injectFault({ route: 'team_memberships.delete', nth: [1], fault });
      const result = await remove({
        id: login,
        remove_from: 'group',
        remove_from_id: `${harness.organization}/${team}`,
      });
      const path = `/orgs/${harness.organization}/teams/${team}/memberships/${login}`;
      expect(harness.journal()).toEqual([`DELETE ${path} ${firstStatus}`, `DELETE ${path} 404`]);
      expect(result.actions).toEqual([
        { action: 'remove_from_group', target: `${harness.organization}/${team}`, outcome: 'already_done' },
      ]);
      expect(harness.fake.directory.userById(member.id)).toBeDefined();
      expect(harness.fake.directory.isMember(groupId!, member.id)).toBe(false);
    });
  }

  it('cancels a pending invitation with the same membership DELETE', async () => {
    harness = await startHarness({ users: 12, outsideCollaborators: 2 });
    const invitee = harness.fake.organizations.get(harness.organization)!.person(20)!;
    const created = await harness.users.create!({ body: { username: loginOf(invitee) } }, harness.context());
    expect(created?.unified.status).toBe('invited');
    harness.fake.server.journal.clear();
    const result = await remove({ id: loginOf(invitee) });
    expect(harness.journal()).toEqual([
      `DELETE /orgs/${harness.organization}/memberships/${loginOf(invitee)} 204`,
    ]);
    expect(result.actions[0]?.outcome).toBe('done');
    expect(
      harness.fake.organizations.get(harness.organization)!.pendingInvitationOf(invitee),
    ).toBeUndefined();
  });

  it('cancels an invitation by email through its invitation id, once even when the answer is lost', async () => {
    harness = await startHarness({ users: 12 });
    const invitations = await harness.users.list!({ status: 'invited' }, harness.context());
    const byEmail = invitations.records.find((record) => record.unified.id.startsWith('invitation:'))!;
    const invitationId = byEmail.unified.id.slice('invitation:'.length);
    await expect(
      remove({ id: byEmail.unified.id, group_id: `${harness.organization}/x` }),
    ).rejects.toMatchObject({
      httpStatus: 400,
    });
    harness.fake.server.journal.clear();
    harness.fake.server.injectFault({
      route: 'invitations.delete',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const result = await remove({ id: byEmail.unified.id });
    const path = `/orgs/${harness.organization}/invitations/${invitationId}`;
    expect(harness.journal()).toEqual([`DELETE ${path} 0`, `DELETE ${path} 404`]);
    expect(result.actions).toEqual([
      { action: 'remove_from_organization', target: harness.organization, outcome: 'already_done' },
    ]);
    const remaining = harness.fake.organizations.get(harness.organization)!.invitations();
    expect(remaining.map((invitation) => String(invitation.id))).not.toContain(invitationId);
  });

  it('answers the last owner refusal as last_owner with the request id, and does nothing else', async () => {
    harness = await startHarness({ users: 12 });
    const { member, login } = await memberAt(0);
    expect(member.isAdmin).toBe(true);
    const error = await remove({ id: login }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'last_owner', httpStatus: 400 });
    const requestId = (error as { details: { provider_request_id?: string } }).details.provider_request_id;
    expect(requestId).toMatch(/^[0-9A-F:]+$/);
    expect(harness.journal()).toEqual([`DELETE /orgs/${harness.organization}/memberships/${login} 403`]);
    expect(harness.fake.directory.userById(member.id)).toBeDefined();
  });

  it('reads the membership for user_type and removes nothing when the role does not match', async () => {
    harness = await startHarness({ users: 12 });
    const { login } = await memberAt(1);
    const error = await remove({ id: login, user_type: 'admin' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'user_type_mismatch' });
    expect(harness.journal()).toEqual([`GET /orgs/${harness.organization}/memberships/${login} 200`]);
  });

  it('refuses permanent=true and contradicting options before any call', async () => {
    harness = await startHarness({ users: 12 });
    const { login } = await memberAt(1);
    for (const parameters of [
      { permanent: true },
      { remove_from: 'group' },
      { remove_from_id: harness.organization },
      {
        remove_from: 'organization',
        remove_from_id: harness.organization,
        group_id: `${harness.organization}/x`,
      },
      {
        remove_from: 'group',
        remove_from_id: `${harness.organization}/a`,
        group_id: `${harness.organization}/b`,
      },
      { organization_id: 'somebody-else' },
      { group_id: 'not/a/team' },
    ]) {
      await expect(remove({ id: login, ...parameters }), JSON.stringify(parameters)).rejects.toMatchObject({
        httpStatus: 400,
      });
    }
    expect(harness.journal()).toEqual([]);
  });

  it('needs organization_id when the account covers several organizations', async () => {
    harness = await startHarness({ users: 12, otherOrganizations: [{ login: 'second-org', users: 5 }] });
    const { member, login } = await memberAt(1);
    await expect(remove({ id: login })).rejects.toMatchObject({ code: 'missing_parameter' });
    expect(harness.journal()).toEqual([]);
    await remove({ id: login, organization_id: 'second-org' });
    expect(harness.journal()).toEqual([`DELETE /orgs/second-org/memberships/${login} 204`]);
    expect(harness.fake.directory.userById(member.id), 'still in the first organization').toBeDefined();
  });

  it('plans the DELETE in a dry run, reading only the profile', async () => {
    harness = await startHarness({ users: 12 });
    const { member, accountId } = await memberAt(1);
    const result = await remove({ id: accountId }, true);
    expect(result.actions[0]?.outcome).toBe('planned');
    expect(harness.journal()).toEqual([`GET /user/${accountId} 200`]);
    expect(harness.fake.directory.userById(member.id)).toBeDefined();
  });
});

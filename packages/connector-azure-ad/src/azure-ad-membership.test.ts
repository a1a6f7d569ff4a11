import { NotFoundError, type ProviderCallRecord } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

/** A seeded user, a group it is in and one it is not in; the token request is out of the journal. */
async function start() {
  harness = await startHarness({ users: 20 }, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const [, user] = harness.fake.directory.listUsers({ offset: 0, limit: 2 }).users;
  const memberOf = harness.fake.directory.groupIdsOfUser(user!.id);
  const otherGroup = harness.fake.directory
    .listGroups({ offset: 0, limit: 10 })
    .groups.find((group) => !memberOf.includes(group.id))!;
  await harness.users.get!({ id: user!.id }, harness.context());
  harness.fake.server.journal.clear();
  return { ...harness, userId: user!.id, memberGroupId: memberOf[0]!, otherGroupId: otherGroup.id };
}

describe('groups.addUser', () => {
  it('makes exactly one POST /groups/{id}/members/$ref with the user as @odata.id', async () => {
    const { groups, context, journal, fake, userId, otherGroupId } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    const result = await groups.addUser!(
      { group_id: otherGroupId, user_id: userId },
      context({ providerCalls }),
    );
    expect(result).toEqual({
      group_id: otherGroupId,
      user_id: userId,
      action: 'add_to_group',
      outcome: 'done',
    });
    expect(journal()).toEqual([`POST /v1.0/groups/${otherGroupId}/members/$ref`]);
    expect(fake.server.journal.forRoute('groups.members.add')[0]?.body).toEqual({
      '@odata.id': `${fake.settings.base_url}/directoryObjects/${userId}`,
    });
    expect(fake.directory.isMember(otherGroupId, userId)).toBe(true);
    expect(providerCalls.map((call) => call.outcome)).toEqual(['sent']);
  });

  it('reports a user who is already a member as already_done, not as an error', async () => {
    const { groups, context, journal, userId, memberGroupId } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    const result = await groups.addUser!(
      { group_id: memberGroupId, user_id: userId },
      context({ providerCalls }),
    );
    expect(result.outcome).toBe('already_done');
    expect(journal()).toEqual([`POST /v1.0/groups/${memberGroupId}/members/$ref`]);
    expect(providerCalls).toMatchObject([{ status: 400, outcome: 'already_done' }]);
  });

  it('after a lost answer, the caller retries and gets already_done: the user was added once', async () => {
    const { groups, context, fake, userId, otherGroupId } = await start();
    fake.server.injectFault({ route: 'groups.members.add', nth: [1], fault: { kind: 'commit-then-fail' } });
    const parameters = { group_id: otherGroupId, user_id: userId };
    // The POST took effect but its answer was lost: it is not sent again within the call.
    await expect(groups.addUser!(parameters, context())).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(fake.server.journal.forRoute('groups.members.add')).toHaveLength(1);
    expect(fake.directory.isMember(otherGroupId, userId)).toBe(true);

    const retried = await groups.addUser!(parameters, context());
    expect(retried.outcome).toBe('already_done');
    const adds = fake.server.journal.forRoute('groups.members.add');
    expect(adds.map((entry) => [entry.handled, entry.status])).toEqual([
      [true, 0],
      [true, 400],
    ]);
    expect(fake.groups.memberIds(otherGroupId).filter((id) => id === userId)).toHaveLength(1);
  });

  it('a throttled add (429) is repeated, as Graph did not process it, and adds once', async () => {
    const { groups, context, fake, userId, otherGroupId } = await start();
    fake.server.injectFault({
      route: 'groups.members.add',
      nth: [1],
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
    });
    const result = await groups.addUser!({ group_id: otherGroupId, user_id: userId }, context());
    expect(result.outcome).toBe('done');
    expect(fake.server.journal.forRoute('groups.members.add').map((entry) => entry.status)).toEqual([
      429, 204,
    ]);
  });

  it('plans the POST in a dry run and sends nothing', async () => {
    const { groups, context, journal, fake, userId, otherGroupId } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    const result = await groups.addUser!(
      { group_id: otherGroupId, user_id: userId },
      context({ dryRun: true, providerCalls }),
    );
    expect(result.outcome).toBe('planned');
    expect(journal()).toEqual([]);
    expect(providerCalls).toMatchObject([{ method: 'POST', outcome: 'planned' }]);
    expect(fake.directory.isMember(otherGroupId, userId)).toBe(false);
  });

  it('refuses remote_query before any call', async () => {
    const { groups, context, journal, userId, otherGroupId } = await start();
    await expect(
      groups.addUser!(
        { group_id: otherGroupId, user_id: userId, remote_query: { $select: 'id' } },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    expect(journal()).toEqual([]);
  });
});

describe('groups.removeUser', () => {
  it('makes exactly one DELETE /groups/{id}/members/{userId}/$ref', async () => {
    const { groups, context, journal, fake, userId, memberGroupId } = await start();
    const result = await groups.removeUser!({ group_id: memberGroupId, user_id: userId }, context());
    expect(result).toEqual({
      group_id: memberGroupId,
      user_id: userId,
      action: 'remove_from_group',
      outcome: 'done',
    });
    expect(journal()).toEqual([`DELETE /v1.0/groups/${memberGroupId}/members/${userId}/$ref`]);
    expect(fake.directory.isMember(memberGroupId, userId)).toBe(false);
    expect(fake.directory.userById(userId)).toBeDefined();
  });

  it('after a lost answer the DELETE is repeated once and its "do not exist" answer is already_done', async () => {
    const { groups, context, journal, fake, userId, memberGroupId } = await start();
    fake.server.injectFault({
      route: 'groups.members.remove',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const providerCalls: ProviderCallRecord[] = [];
    const result = await groups.removeUser!(
      { group_id: memberGroupId, user_id: userId },
      context({ providerCalls }),
    );
    expect(result.outcome).toBe('already_done');
    expect(journal()).toEqual([
      `DELETE /v1.0/groups/${memberGroupId}/members/${userId}/$ref`,
      `DELETE /v1.0/groups/${memberGroupId}/members/${userId}/$ref`,
    ]);
    expect(fake.server.journal.forRoute('groups.members.remove').map((entry) => entry.status)).toEqual([
      0, 400,
    ]);
    expect(providerCalls).toMatchObject([{ outcome: 'already_done', attempts: 2 }]);
  });

  it('a caller retrying a removal that already happened gets already_done', async () => {
    const { groups, context, fake, userId, memberGroupId } = await start();
    const parameters = { group_id: memberGroupId, user_id: userId };
    await groups.removeUser!(parameters, context());
    const providerCalls: ProviderCallRecord[] = [];
    const retried = await groups.removeUser!(parameters, context({ providerCalls }));
    expect(retried.outcome).toBe('already_done');
    expect(providerCalls).toMatchObject([{ status: 400, outcome: 'already_done' }]);
    expect(fake.server.journal.forRoute('groups.members.remove').map((entry) => entry.status)).toEqual([
      204, 400,
    ]);
  });

  it('removing a user who never was a member (Graph: 404 naming the user) is already_done', async () => {
    const { groups, context, fake, userId, otherGroupId } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    const result = await groups.removeUser!(
      { group_id: otherGroupId, user_id: userId },
      context({ providerCalls }),
    );
    expect(result.outcome).toBe('already_done');
    expect(providerCalls).toMatchObject([{ status: 404, outcome: 'already_done' }]);
    expect(fake.server.journal.forRoute('groups.members.remove')).toHaveLength(1);
  });

  it('another 400 is an error, not already_done', async () => {
    const { groups, context, fake, userId, memberGroupId } = await start();
    fake.server.injectFault({
      route: 'groups.members.remove',
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { code: 'Request_BadRequest', message: 'The group must have at least one owner.' } },
      },
    });
    await expect(
      groups.removeUser!({ group_id: memberGroupId, user_id: userId }, context()),
    ).rejects.toMatchObject({ code: 'provider_rejected_request' });
  });

  it('a group that does not exist is not_found, not already_done', async () => {
    const { groups, context, userId } = await start();
    const missing = '00000000-0000-4000-8000-000000000000';
    const error = await groups.removeUser!({ group_id: missing, user_id: userId }, context()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('works on a group created through the connector', async () => {
    const { groups, context, fake, userId } = await start();
    const created = await groups.create!({ body: { name: 'Launch Team' } }, context());
    const groupId = created!.unified.id;
    expect((await groups.addUser!({ group_id: groupId, user_id: userId }, context())).outcome).toBe('done');
    expect(fake.groups.memberIds(groupId)).toEqual([userId]);
    expect((await groups.removeUser!({ group_id: groupId, user_id: userId }, context())).outcome).toBe(
      'done',
    );
    expect(fake.groups.memberIds(groupId)).toEqual([]);
  });
});

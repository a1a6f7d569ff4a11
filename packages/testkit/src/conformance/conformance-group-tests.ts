import type { DeleteResult, MembershipResult, RecordResult, UnifiedGroup } from '@unidir/core';
import { expect, it } from 'vitest';
import { callLines, type HarnessAccess, isSafeMethod, rejectionOf } from './conformance-assertions.js';
import type { ConformanceHarness } from './conformance-harness.js';
import type { ConnectorConformanceOptions, MembershipTarget } from './conformance-options.js';
import { declares, titleFor } from './conformance-resource-tests.js';

/** Seeded user 1, a group it belongs to (for removal) and one it does not (for adding). */
function membershipTargets(harness: ConformanceHarness): {
  seedUserId: string;
  member: MembershipTarget & { seedGroupId: string };
  nonMember: MembershipTarget & { seedGroupId: string };
} {
  const user = harness.seedUser(1);
  const memberOf = harness.directory.groupIdsOfUser(user.id);
  const { groups } = harness.directory.listGroups({ offset: 0, limit: 1000 });
  const joined = groups.find((group) => memberOf.includes(group.id));
  const other = groups.find((group) => !memberOf.includes(group.id));
  if (!joined || !other) {
    throw new Error('The fixture must seed user 1 into at least one group and leave it out of another.');
  }
  const userId = harness.unifiedUserId(user);
  return {
    seedUserId: user.id,
    member: { userId, groupId: harness.unifiedGroupId(joined), seedGroupId: joined.id },
    nonMember: { userId, groupId: harness.unifiedGroupId(other), seedGroupId: other.id },
  };
}

function membership(
  harness: ConformanceHarness,
  operation: 'addUser' | 'removeUser',
  target: MembershipTarget,
  dryRun = false,
): Promise<MembershipResult> {
  return harness.run(
    'groups',
    operation,
    { group_id: target.groupId, user_id: target.userId },
    { dryRun },
  ) as Promise<MembershipResult>;
}

function mutatingRequests(harness: ConformanceHarness) {
  return harness.providerRequests().filter((entry) => !isSafeMethod(entry.method));
}

/** Group create/update/delete round trips; add-user and remove-user exact, once, and safe to retry. */
export function registerGroupTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  const { createGroupBody, membershipCalls } = options;
  const creates = declares(options, 'groups', 'create') && createGroupBody !== undefined;
  it.runIf(creates)(
    titleFor('creates a group that a get finds, updates it, deletes it', 'groups.create', creates),
    async () => {
      const created = (await harness().run('groups', 'create', {
        body: createGroupBody,
      })) as RecordResult<UnifiedGroup> | null;
      expect(created, 'create returned null outside a dry run').not.toBeNull();
      let id = created!.unified.id;
      if (declares(options, 'groups', 'get')) {
        const fetched = (await harness().run('groups', 'get', { id })) as RecordResult<UnifiedGroup>;
        expect(fetched.unified.id).toBe(id);
        if (createGroupBody?.name) expect(fetched.unified.name).toBe(createGroupBody.name);
      }
      if (declares(options, 'groups', 'update')) {
        const name = `${createGroupBody?.name ?? 'Group'} (renamed)`;
        // Some providers derive the id from the name (GitHub's team slug): the updated record says.
        const updated = (await harness().run('groups', 'update', {
          id,
          body: { name },
        })) as RecordResult<UnifiedGroup> | null;
        id = updated?.unified.id ?? id;
        if (declares(options, 'groups', 'get')) {
          const fetched = (await harness().run('groups', 'get', { id })) as RecordResult<UnifiedGroup>;
          expect(fetched.unified.name).toBe(name);
        }
      }
      if (declares(options, 'groups', 'delete')) {
        const deleted = (await harness().run('groups', 'delete', { id })) as DeleteResult;
        expect(deleted.id).toBe(id);
        expect(deleted.actions.map((action) => action.outcome)).toEqual(deleted.actions.map(() => 'done'));
        if (declares(options, 'groups', 'get')) {
          const error = await rejectionOf(harness().run('groups', 'get', { id }));
          expect(error.code).toBe('not_found');
        }
      }
    },
  );

  it.runIf(creates)(titleFor('creates no group in a dry run', 'groups.create', creates), async () => {
    harness().server.journal.clear();
    expect(await harness().run('groups', 'create', { body: createGroupBody }, { dryRun: true })).toBeNull();
    expect(mutatingRequests(harness())).toEqual([]);
  });

  const adds = declares(options, 'groups', 'addUser');
  const removes = declares(options, 'groups', 'removeUser');
  if ((adds || removes) && !membershipCalls) {
    it('declares membershipCalls for the add-user and remove-user checks', () => {
      throw new Error('The connector declares groups.addUser or removeUser: give options.membershipCalls.');
    });
    return;
  }

  const addCalls = membershipCalls?.addUser;
  const canAdd = adds && addCalls !== undefined;
  it.runIf(canAdd)(
    titleFor(
      'add-user makes exactly its declared calls once; a repeat is already_done',
      'groups.addUser',
      canAdd,
    ),
    async () => {
      const { nonMember, seedUserId } = membershipTargets(harness());
      await harness().getUser(nonMember.userId);
      harness().server.journal.clear();
      const first = await membership(harness(), 'addUser', nonMember);
      expect(callLines(harness().providerRequests())).toEqual(callLines(addCalls!(nonMember)));
      expect(first).toMatchObject({ action: 'add_to_group', outcome: 'done' });
      expect(harness().directory.isMember(nonMember.seedGroupId, seedUserId)).toBe(true);
      harness().server.journal.clear();
      // A provider that says "already a member" gives already_done; one that answers a repeat as a success
      // (as SCIM's PATCH add does) gives done. Either way: no error, no second membership, no extra call.
      const repeat = await membership(harness(), 'addUser', nonMember);
      expect(['done', 'already_done']).toContain(repeat.outcome);
      expect(
        mutatingRequests(harness()).length,
        'a repeat sends at most the declared calls',
      ).toBeLessThanOrEqual(addCalls!(nonMember).filter((call) => !isSafeMethod(call.method)).length);
      expect(
        harness()
          .directory.memberIdsOfGroup(nonMember.seedGroupId)
          .filter((id) => id === seedUserId),
      ).toHaveLength(1);
    },
  );

  it.runIf(canAdd)(
    titleFor('add-user in a dry run sends no mutating call and changes nothing', 'groups.addUser', canAdd),
    async () => {
      const { nonMember, seedUserId } = membershipTargets(harness());
      await harness().getUser(nonMember.userId);
      harness().server.journal.clear();
      const result = await membership(harness(), 'addUser', nonMember, true);
      expect(result.outcome).toBe('planned');
      expect(mutatingRequests(harness())).toEqual([]);
      expect(harness().directory.isMember(nonMember.seedGroupId, seedUserId)).toBe(false);
    },
  );

  const addRoute = membershipCalls?.routes.addUser;
  it.runIf(canAdd && addRoute)(
    titleFor(
      'add-user retried after a lost answer is already_done, never a second add',
      'groups.addUser',
      canAdd,
    ),
    async () => {
      const { nonMember, seedUserId } = membershipTargets(harness());
      await harness().getUser(nonMember.userId);
      harness().server.injectFault({ route: addRoute, nth: [1], fault: { kind: 'commit-then-fail' } });
      const retried = await membership(harness(), 'addUser', nonMember).catch(() =>
        membership(harness(), 'addUser', nonMember),
      );
      expect(['done', 'already_done']).toContain(retried.outcome);
      expect(
        harness()
          .directory.memberIdsOfGroup(nonMember.seedGroupId)
          .filter((id) => id === seedUserId),
      ).toHaveLength(1);
    },
  );

  const removeCalls = membershipCalls?.removeUser;
  const canRemove = removes && removeCalls !== undefined;
  it.runIf(canRemove)(
    titleFor(
      'remove-user makes exactly its declared calls once, removes no one else; a repeat is no error',
      'groups.removeUser',
      canRemove,
    ),
    async () => {
      const { member, seedUserId } = membershipTargets(harness());
      const othersBefore = harness()
        .directory.memberIdsOfGroup(member.seedGroupId)
        .filter((id) => id !== seedUserId);
      await harness().getUser(member.userId);
      harness().server.journal.clear();
      const first = await membership(harness(), 'removeUser', member);
      expect(callLines(harness().providerRequests())).toEqual(callLines(removeCalls!(member)));
      expect(first).toMatchObject({ action: 'remove_from_group', outcome: 'done' });
      expect(harness().directory.isMember(member.seedGroupId, seedUserId)).toBe(false);
      expect(harness().directory.memberIdsOfGroup(member.seedGroupId)).toEqual(othersBefore);
      const repeat = await membership(harness(), 'removeUser', member);
      expect(['done', 'already_done']).toContain(repeat.outcome);
      expect(harness().directory.memberIdsOfGroup(member.seedGroupId)).toEqual(othersBefore);
    },
  );

  it.runIf(canRemove)(
    titleFor(
      'remove-user in a dry run sends no mutating call and changes nothing',
      'groups.removeUser',
      canRemove,
    ),
    async () => {
      const { member, seedUserId } = membershipTargets(harness());
      await harness().getUser(member.userId);
      harness().server.journal.clear();
      const result = await membership(harness(), 'removeUser', member, true);
      expect(result.outcome).toBe('planned');
      expect(mutatingRequests(harness())).toEqual([]);
      expect(harness().directory.isMember(member.seedGroupId, seedUserId)).toBe(true);
    },
  );

  const removeRoute = membershipCalls?.routes.removeUser;
  it.runIf(canRemove && removeRoute)(
    titleFor('remove-user retried after a lost answer is already_done', 'groups.removeUser', canRemove),
    async () => {
      const { member, seedUserId } = membershipTargets(harness());
      await harness().getUser(member.userId);
      harness().server.injectFault({ route: removeRoute, nth: [1], fault: { kind: 'commit-then-fail' } });
      const retried = await membership(harness(), 'removeUser', member).catch(() =>
        membership(harness(), 'removeUser', member),
      );
      expect(['done', 'already_done']).toContain(retried.outcome);
      expect(harness().directory.isMember(member.seedGroupId, seedUserId)).toBe(false);
    },
  );
}

import { describe, expect, it } from 'vitest';
import { scimSchemas } from './scim-resources.js';
import { providerKinds, type ScimHarness, startHarness } from './scim-test-harness.js';

function memberIds(harness: ScimHarness, groupId: string): string[] {
  return (harness.store.groupById(groupId)?.members ?? []).map((member) => member.value as string).sort();
}

function groupsOf(harness: ScimHarness) {
  return harness.connector.groups!;
}

for (const kind of providerKinds) {
  describe(`group membership against ${kind}`, () => {
    it('removes one member of a 500-member group and no other, with one PATCH naming only that member', async () => {
      const harness = await startHarness(kind, { users: 1500, groups: 3 });
      try {
        const [group] = harness.store.groups();
        const before = memberIds(harness, group!.id);
        expect(before.length).toBeGreaterThanOrEqual(500);
        const leaving = before[250] as string;
        harness.server.journal.clear();
        const result = await groupsOf(harness).removeUser!(
          { group_id: group!.id, user_id: leaving },
          harness.context(),
        );
        expect(result).toEqual({
          group_id: group!.id,
          user_id: leaving,
          action: 'remove_from_group',
          outcome: 'done',
        });
        expect(harness.writes()).toEqual([`PATCH /scim/v2/Groups/${group!.id}`]);
        const patch = harness.server.journal.entries.find((entry) => entry.method === 'PATCH')?.body;
        expect(patch).toEqual({
          schemas: [scimSchemas.patchOp],
          Operations: [{ op: 'remove', path: `members[value eq ${JSON.stringify(leaving)}]` }],
        });
        expect(memberIds(harness, group!.id)).toEqual(before.filter((id) => id !== leaving));
      } finally {
        await harness.close();
      }
    });

    it('adds a member with one PATCH add, keeping every other member', async () => {
      const harness = await startHarness(kind, { users: 60, groups: 3 });
      try {
        const [first, second] = harness.store.groups();
        const joining = memberIds(harness, second!.id).find(
          (id) => !memberIds(harness, first!.id).includes(id),
        ) as string;
        const before = memberIds(harness, first!.id);
        harness.server.journal.clear();
        const result = await groupsOf(harness).addUser!(
          { group_id: first!.id, user_id: joining },
          harness.context(),
        );
        expect(result.outcome).toBe('done');
        expect(harness.writes()).toEqual([`PATCH /scim/v2/Groups/${first!.id}`]);
        expect(memberIds(harness, first!.id)).toEqual([...before, joining].sort());
      } finally {
        await harness.close();
      }
    });

    it('creates, renames, reads and deletes a group', async () => {
      const harness = await startHarness(kind);
      try {
        const groups = groupsOf(harness);
        const created = await groups.create!({ body: { name: 'Platform' } }, harness.context());
        const id = created!.unified.id;
        expect(created!.unified.name).toBe('Platform');
        const renamed = await groups.update!({ id, body: { name: 'Platform Team' } }, harness.context());
        expect(renamed!.unified.name).toBe('Platform Team');
        expect((await groups.get!({ id }, harness.context())).unified.name).toBe('Platform Team');
        const deleted = await groups.delete!({ id }, harness.context());
        expect(deleted.actions).toEqual([{ action: 'delete_group', target: id, outcome: 'done' }]);
        expect(harness.store.groupById(id)).toBeUndefined();
      } finally {
        await harness.close();
      }
    });

    it('lists every group across pages', async () => {
      const harness = await startHarness(kind, { users: 300 });
      try {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await groupsOf(harness).list!(
            { limit: 2, ...(cursor ? { cursor } : {}) },
            harness.context(),
          );
          seen.push(...page.records.map((record) => record.unified.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen.sort()).toEqual([...harness.store.groups()].map((group) => group.id).sort());
      } finally {
        await harness.close();
      }
    });
  });
}

describe('membership retries against our fake', () => {
  it('reports already_done when a repeated removal finds the member gone (400 noTarget), changing nothing', async () => {
    const harness = await startHarness('our fake', { users: 60 });
    try {
      const [group] = harness.store.groups();
      const [leaving] = memberIds(harness, group!.id);
      await groupsOf(harness).removeUser!({ group_id: group!.id, user_id: leaving! }, harness.context());
      const after = memberIds(harness, group!.id);
      const again = await groupsOf(harness).removeUser!(
        { group_id: group!.id, user_id: leaving! },
        harness.context(),
      );
      expect(again.outcome).toBe('already_done');
      expect(memberIds(harness, group!.id)).toEqual(after);
    } finally {
      await harness.close();
    }
  });

  it('reports already_done when the provider answers 409 "already a member" to an add', async () => {
    const harness = await startHarness('our fake', { users: 60 });
    try {
      const [group] = harness.store.groups();
      const [member] = memberIds(harness, group!.id);
      harness.server.injectFault({
        route: 'groups.patch',
        fault: {
          kind: 'status',
          status: 409,
          body: {
            schemas: [scimSchemas.error],
            status: '409',
            scimType: 'uniqueness',
            detail: 'User is already a member.',
          },
        },
      });
      const result = await groupsOf(harness).addUser!(
        { group_id: group!.id, user_id: member! },
        harness.context(),
      );
      expect(result.outcome).toBe('already_done');
      expect(harness.server.journal.forRoute('groups.patch')).toHaveLength(1);
    } finally {
      await harness.close();
    }
  });

  it('never repeats a membership PATCH whose answer was lost', async () => {
    const harness = await startHarness('our fake', { users: 60 });
    try {
      const [group] = harness.store.groups();
      const [leaving] = memberIds(harness, group!.id);
      harness.server.injectFault({
        route: 'groups.patch',
        nth: [1],
        fault: { kind: 'commit-then-fail', status: 503 },
      });
      await expect(
        groupsOf(harness).removeUser!({ group_id: group!.id, user_id: leaving! }, harness.context()),
      ).rejects.toMatchObject({ code: 'provider_unavailable' });
      expect(harness.server.journal.forRoute('groups.patch')).toHaveLength(1);
      const retry = await groupsOf(harness).removeUser!(
        { group_id: group!.id, user_id: leaving! },
        harness.context(),
      );
      expect(retry.outcome).toBe('already_done');
    } finally {
      await harness.close();
    }
  });

  it('treats a 404 for the member as already_done while the group exists, and a missing group as not_found', async () => {
    const harness = await startHarness('our fake', { users: 60 });
    try {
      const [group] = harness.store.groups();
      const [member] = memberIds(harness, group!.id);
      harness.server.injectFault({
        route: 'groups.patch',
        times: 1,
        fault: {
          kind: 'status',
          status: 404,
          body: { schemas: [scimSchemas.error], status: '404', detail: 'Member not found.' },
        },
      });
      const gone = await groupsOf(harness).removeUser!(
        { group_id: group!.id, user_id: member! },
        harness.context(),
      );
      expect(gone.outcome).toBe('already_done');
      expect(memberIds(harness, group!.id)).toContain(member);
      await expect(
        groupsOf(harness).removeUser!({ group_id: 'no-such-group', user_id: member! }, harness.context()),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await harness.close();
    }
  });

  it('lists the groups of a user with a members.value filter', async () => {
    const harness = await startHarness('our fake', { users: 60 });
    try {
      const user = [...harness.store.users()][7]!;
      const page = await groupsOf(harness).list!({ user_id: user.id }, harness.context());
      expect(page.records.map((record) => record.unified.id).sort()).toEqual(
        harness.store.groupIdsOfUser(user.id).sort(),
      );
      expect(page.records.every((record) => record.unified.member_count === undefined)).toBe(true);
    } finally {
      await harness.close();
    }
  });
});

import { createFakeDirectory } from '@unidir/testkit';
import { describe, expect, it } from 'vitest';
import { GoogleFakeGroups } from './google-workspace-fake-groups.js';

describe('the fake groups overlay', () => {
  const start = () => {
    const directory = createFakeDirectory({ users: 30, groups: 3 });
    return { directory, groups: new GoogleFakeGroups(directory, () => Date.UTC(2026, 0, 1)) };
  };

  it('lists created groups after the seeded ones and hides deleted ones everywhere', () => {
    const { directory, groups } = start();
    const [first, second, third] = directory.listGroups({ offset: 0, limit: 3 }).groups;
    const created = groups.insert({ email: 'new@unidir.test', name: 'New', description: '' });
    groups.delete(second!);
    expect(groups.list(0, 10).map((group) => group.name)).toEqual([first!.name, third!.name, 'New']);
    expect(groups.count).toBe(3);
    expect(groups.byId(second!.id)).toBeUndefined();
    const member = directory.memberIdsOfGroup(second!.id)[0]!;
    expect(groups.groupIdsOfUser(member)).not.toContain(second!.id);
    expect(created.index).toBe(3);
    expect(groups.byIndex(3)?.email).toBe('new@unidir.test');
  });

  it('keeps the members of created groups, and drops deleted users from them', () => {
    const { directory, groups } = start();
    const created = groups.insert({ email: 'crew@unidir.test', name: 'Crew', description: '' });
    const [one, two] = directory.listUsers({ offset: 0, limit: 2 }).users;
    expect(groups.addMember(created.id, one!.id)).toBe('added');
    expect(groups.addMember(created.id, one!.id)).toBe('already_member');
    groups.addMember(created.id, two!.id);
    expect(groups.groupIdsOfUser(one!.id)).toContain(created.id);
    directory.deleteUser(two!.id);
    expect(groups.memberIds(created.id)).toEqual([one!.id]);
    groups.removeMember(created.id, one!.id);
    expect(groups.isMember(created.id, one!.id)).toBe(false);
  });

  it('finds a patched group by its new address only', () => {
    const { directory, groups } = start();
    const seeded = directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    groups.patch(seeded, { email: 'renamed@unidir.test', name: 'Renamed' });
    expect(groups.byEmail('renamed@unidir.test')?.id).toBe(seeded.id);
    expect(groups.byEmail(seeded.email)).toBeUndefined();
    expect(groups.byId(seeded.id)?.name).toBe('Renamed');
  });
});

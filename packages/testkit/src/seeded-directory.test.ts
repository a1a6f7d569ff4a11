import { NotFoundError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { DuplicateError } from './duplicate-error.js';
import { indexOfSeedId, seedId } from './seed-ids.js';
import { SeededDirectory } from './seeded-directory.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seed ids', () => {
  it('are UUID-shaped, distinct per seed and kind, and map back to their index', () => {
    const ids = new Set<string>();
    for (let index = 0; index < 5000; index++) {
      const id = seedId(7, 'user', index);
      expect(id).toMatch(uuidShape);
      expect(indexOfSeedId(7, 'user', id)).toBe(index);
      ids.add(id);
    }
    expect(ids.size).toBe(5000);
    expect(seedId(8, 'user', 3)).not.toBe(seedId(7, 'user', 3));
    expect(indexOfSeedId(7, 'group', seedId(7, 'user', 3))).toBeUndefined();
    expect(indexOfSeedId(7, 'user', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(indexOfSeedId(7, 'user', 'not-an-id')).toBeUndefined();
  });
});

describe('SeededDirectory users', () => {
  it('generates the same users for the same seed, with consistent fields', () => {
    const first = new SeededDirectory({ users: 100, seed: 3, domain: 'contoso.test' });
    const again = new SeededDirectory({ users: 100, seed: 3, domain: 'contoso.test' });
    const { users, total } = first.listUsers({ offset: 10, limit: 5 });
    expect(total).toBe(100);
    expect(users).toEqual(again.listUsers({ offset: 10, limit: 5 }).users);
    const user = users[0]!;
    expect(user.index).toBe(10);
    expect(user.username).toMatch(/^[a-z-]+\.[a-z-]+\.10$/);
    expect(user.email).toBe(`${user.username}@contoso.test`);
    expect(user.displayName).toBe(`${user.givenName} ${user.familyName}`);
    expect(Date.parse(user.updatedAt)).toBeGreaterThanOrEqual(Date.parse(user.createdAt));
    expect(first.userById(user.id)).toEqual(user);
    expect(first.userByEmail(user.email.toUpperCase())).toEqual(user);
    expect(first.userByUsername(user.username)).toEqual(user);
    expect(first.userByEmail(user.email.replace('contoso', 'other'))).toBeUndefined();
    expect(
      new SeededDirectory({ users: 100, seed: 4 }).listUsers({ offset: 10, limit: 1 }).users[0]?.id,
    ).not.toBe(user.id);
  });

  it('does not find users beyond the seeded count', () => {
    const directory = new SeededDirectory({ users: 10 });
    expect(directory.userById(seedId(1, 'user', 10))).toBeUndefined();
    expect(directory.userByEmail(`ada.lovelace.10@${directory.domain}`)).toBeUndefined();
    expect(directory.listUsers({ offset: 8, limit: 5 }).users.map((user) => user.index)).toEqual([8, 9]);
  });

  it('creates users after the seeded ones and refuses a taken email or username', () => {
    const directory = new SeededDirectory({ users: 3, now: () => Date.UTC(2026, 0, 1) });
    const created = directory.createUser({
      givenName: 'Marie',
      familyName: 'Curie',
      email: 'marie@lab.test',
    });
    expect(created).toMatchObject({
      index: 3,
      username: 'marie',
      email: 'marie@lab.test',
      displayName: 'Marie Curie',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastLoginAt: undefined,
    });
    expect(created.id).toMatch(uuidShape);
    expect(directory.listUsers({ offset: 0, limit: 10 })).toMatchObject({ total: 4 });
    expect(directory.listUsers({ offset: 3, limit: 10 }).users).toEqual([created]);
    expect(directory.userByEmail('MARIE@lab.test')).toEqual(created);

    const seeded = directory.listUsers({ offset: 0, limit: 1 }).users[0]!;
    expect(() => directory.createUser({ email: seeded.email })).toThrow(DuplicateError);
    expect(() => directory.createUser({ username: 'marie', email: 'other@lab.test' })).toThrow(
      DuplicateError,
    );
    expect(directory.listUsers({ offset: 0, limit: 10 }).total).toBe(4);
  });

  it('updates users, moving their email and username lookups', () => {
    const directory = new SeededDirectory({ users: 5 });
    const [first, second] = directory.listUsers({ offset: 0, limit: 2 }).users;
    const updated = directory.updateUser(first!.id, { jobTitle: 'CTO', email: 'cto@unidir.test' });
    expect(updated).toMatchObject({ id: first!.id, index: 0, jobTitle: 'CTO', email: 'cto@unidir.test' });
    expect(directory.userById(first!.id)).toEqual(updated);
    expect(directory.listUsers({ offset: 0, limit: 1 }).users[0]).toEqual(updated);
    expect(directory.userByEmail('cto@unidir.test')?.id).toBe(first!.id);
    expect(directory.userByEmail(first!.email)).toBeUndefined();
    expect(() => directory.updateUser(second!.id, { email: 'cto@unidir.test' })).toThrow(DuplicateError);
    expect(directory.updateUser(seedId(1, 'user', 99), { jobTitle: 'x' })).toBeUndefined();
  });

  it('soft-deletes, lists around the gap, restores and purges', () => {
    const directory = new SeededDirectory({ users: 10 });
    const ids = directory.listUsers({ offset: 0, limit: 10 }).users.map((user) => user.id);
    expect(directory.deleteUser(ids[2]!)).toBe(true);
    expect(directory.deleteUser(ids[2]!)).toBe(false);
    expect(directory.deleteUser(ids[5]!)).toBe(true);
    expect(directory.isDeleted(ids[2]!)).toBe(true);
    expect(directory.userById(ids[2]!)).toBeUndefined();
    expect(directory.userById(ids[2]!, { includeDeleted: true })?.id).toBe(ids[2]);

    const visible = directory.listUsers({ offset: 0, limit: 100 });
    expect(visible.total).toBe(8);
    expect(visible.users.map((user) => user.index)).toEqual([0, 1, 3, 4, 6, 7, 8, 9]);
    const pages = [0, 3, 6].flatMap((offset) =>
      directory.listUsers({ offset, limit: 3 }).users.map((user) => user.index),
    );
    expect(pages).toEqual([0, 1, 3, 4, 6, 7, 8, 9]);
    expect(directory.listUsers({ offset: 0, limit: 100, includeDeleted: true }).total).toBe(10);

    expect(directory.restoreUser(ids[2]!)).toBe(true);
    expect(directory.restoreUser(ids[2]!)).toBe(false);
    expect(directory.listUsers({ offset: 0, limit: 100 }).total).toBe(9);

    expect(directory.purgeUser(ids[5]!)).toBe(true);
    expect(directory.userById(ids[5]!, { includeDeleted: true })).toBeUndefined();
    expect(directory.listUsers({ offset: 0, limit: 100, includeDeleted: true }).total).toBe(9);
    expect(directory.isDeleted(ids[5]!)).toBe(false);
  });

  it('iterates every current user once', () => {
    const directory = new SeededDirectory({ users: 2500 });
    directory.deleteUser(seedId(1, 'user', 1000));
    directory.createUser({ email: 'late@unidir.test' });
    const ids = [...directory.iterateUsers({ pageSize: 700 })].map((user) => user.id);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(ids.at(-1)).toBe(directory.userByEmail('late@unidir.test')?.id);
  });
});

describe('SeededDirectory groups', () => {
  it('seeds ceil(users / 50) groups, at least 3, with stable ids and unique names', () => {
    expect(new SeededDirectory({ users: 10 }).groupCount).toBe(3);
    const directory = new SeededDirectory({ users: 1000 });
    expect(directory.groupCount).toBe(20);
    const { groups, total } = directory.listGroups({ offset: 0, limit: 100 });
    expect(total).toBe(20);
    expect(new Set(groups.map((group) => group.name)).size).toBe(20);
    expect(directory.groupById(groups[4]!.id)).toEqual(groups[4]);
    expect(directory.groupById(seedId(1, 'group', 20))).toBeUndefined();
  });

  it('follows the membership rule: i mod groups, and multiples of 7 also in (i + 1) mod groups', () => {
    const directory = new SeededDirectory({ users: 30, groups: 4 });
    const group = (index: number) => seedId(1, 'group', index);
    const user = (index: number) => seedId(1, 'user', index);
    expect(directory.groupIdsOfUser(user(5))).toEqual([group(1)]);
    expect(directory.groupIdsOfUser(user(14))).toEqual([group(2), group(3)]);
    const expectedMembersOfGroup3 = [3, 7, 11, 14, 15, 19, 23, 27].map(user);
    expect(directory.memberIdsOfGroup(group(3))).toEqual(expectedMembersOfGroup3);
    for (const memberId of directory.memberIdsOfGroup(group(3))) {
      expect(directory.groupIdsOfUser(memberId)).toContain(group(3));
    }
  });

  it('adds and removes members through the overlay, hiding deleted users', () => {
    const directory = new SeededDirectory({ users: 30, groups: 4 });
    const group = (index: number) => seedId(1, 'group', index);
    const user = (index: number) => seedId(1, 'user', index);
    expect(directory.removeMember(group(1), user(5))).toBe('removed');
    expect(directory.removeMember(group(1), user(5))).toBe('not_member');
    expect(directory.memberIdsOfGroup(group(1))).not.toContain(user(5));
    expect(directory.groupIdsOfUser(user(5))).toEqual([]);
    expect(directory.addMember(group(1), user(5))).toBe('added');
    expect(directory.addMember(group(2), user(5))).toBe('added');
    expect(directory.addMember(group(2), user(5))).toBe('already_member');
    expect(directory.groupIdsOfUser(user(5))).toEqual([group(1), group(2)]);
    expect(directory.memberIdsOfGroup(group(2)).at(-1)).toBe(user(5));
    directory.deleteUser(user(5));
    expect(directory.memberIdsOfGroup(group(2))).not.toContain(user(5));
    expect(() => directory.addMember(group(9), user(1))).toThrow(NotFoundError);
    expect(() => directory.addMember(group(1), user(5))).toThrow(NotFoundError);
  });

  it('answers group lookups of listed users exactly as a fresh directory does, after changes too', () => {
    const listed = new SeededDirectory({ users: 5000, groups: 40 });
    const fresh = new SeededDirectory({ users: 5000, groups: 40 });
    const users = listed.listUsers({ offset: 4000, limit: 999 }).users;
    for (const user of users.slice(0, 50)) {
      expect(listed.userById(user.id)).toEqual(fresh.userById(user.id));
      expect(listed.groupIdsOfUser(user.id)).toEqual(fresh.groupIdsOfUser(user.id));
      expect(listed.groupIdsOf(user)).toEqual(fresh.groupIdsOfUser(user.id));
      for (const groupId of listed.groupIdsOfUser(user.id)) {
        expect(listed.groupById(groupId)).toEqual(fresh.groupById(groupId));
      }
    }
    const [deleted, purged, moved] = users;
    listed.deleteUser(deleted!.id);
    listed.purgeUser(purged!.id);
    const groupId = listed.groupIdsOfUser(moved!.id)[0]!;
    listed.removeMember(groupId, moved!.id);
    expect(listed.userById(deleted!.id)).toBeUndefined();
    expect(listed.groupIdsOfUser(deleted!.id)).toEqual([]);
    expect(listed.groupIdsOf(deleted!)).toEqual([]);
    expect(listed.userById(purged!.id, { includeDeleted: true })).toBeUndefined();
    expect(listed.groupIdsOfUser(purged!.id)).toEqual([]);
    expect(listed.groupIdsOfUser(moved!.id)).not.toContain(groupId);
    expect(listed.groupIdsOf(moved!)).toEqual(listed.groupIdsOfUser(moved!.id));
    expect(listed.listUsers({ offset: 4000, limit: 2 }).users.map((user) => user.id)).toEqual([
      moved!.id,
      users[3]!.id,
    ]);
  });
});

describe('SeededDirectory at 1,000,000 users', () => {
  it('pages through every user in order without materialising them (heap stays flat)', () => {
    const directory = new SeededDirectory({ users: 1_000_000 });
    expect(directory.groupCount).toBe(20_000);
    const heapBefore = process.memoryUsage().heapUsed;
    let expectedIndex = 0;
    let peakGrowth = 0;
    for (let offset = 0; ; offset += 1000) {
      const { users, total } = directory.listUsers({ offset, limit: 1000 });
      expect(total).toBe(1_000_000);
      for (const user of users) {
        if (user.index !== expectedIndex)
          throw new Error(`expected index ${expectedIndex}, got ${user.index}`);
        expectedIndex++;
      }
      if (offset % 100_000 === 0)
        peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - heapBefore);
      if (users.length < 1000) break;
    }
    expect(expectedIndex).toBe(1_000_000);
    expect(peakGrowth).toBeLessThan(60 * 1024 * 1024);
    const last = directory.userByEmail(`x.y.999999@${directory.domain}`);
    expect(last).toBeUndefined();
    const lastUser = directory.listUsers({ offset: 999_999, limit: 1 }).users[0]!;
    expect(directory.userByEmail(lastUser.email)?.index).toBe(999_999);
    const secondaryMembersOfGroup0 = Array.from({ length: 50 }, (_, k) => 19_999 + 20_000 * k).filter(
      (index) => index % 7 === 0,
    );
    expect(directory.memberIdsOfGroup(seedId(1, 'group', 0))).toHaveLength(
      50 + secondaryMembersOfGroup0.length,
    );
  });
});

import { NotFoundError } from '@unidir/core';
import { DuplicateError } from './duplicate-error.js';
import { indexOfSeedId, seedId } from './seed-ids.js';
import {
  generateSeedGroup,
  generateSeedUser,
  type SeedGroup,
  type SeedUser,
  usernamePart,
} from './seed-user.js';

export interface SeededDirectoryOptions {
  /** Seeded users: 0 to millions; none is stored until it is changed. */
  users: number;
  /** Default: ceil(users / 50), at least 3. */
  groups?: number;
  /** Default 1. The same seed gives the same ids, names and memberships. */
  seed?: number;
  /** The email domain. Default `unidir.test`. */
  domain?: string;
  /** The clock for created and updated timestamps. */
  now?: () => number;
}

export interface LookupOptions {
  /** Also find soft-deleted users. */
  includeDeleted?: boolean;
}

/** Fields a caller may set; `index` and `id` belong to the directory. */
export type SeedUserFields = Partial<Omit<SeedUser, 'index' | 'id'>>;

/** The position at which `visiblePosition` lands once the sorted `hidden` indices are skipped. */
function seedIndexAtPosition(visiblePosition: number, hidden: readonly number[]): number {
  let index = visiblePosition;
  for (const hiddenIndex of hidden) {
    if (hiddenIndex > index) break;
    index++;
  }
  return index;
}

function lastNumber(localPart: string): number | undefined {
  const match = /\.(\d+)$/.exec(localPart);
  return match ? Number(match[1]) : undefined;
}

/**
 * Deterministic directory data at any size. Seeded users and groups are computed from their index when
 * asked for, so a million-user directory costs nothing until it changes; created, updated, deleted users
 * and membership changes live in small overlay maps.
 *
 * Membership rule: seeded user i is a member of group (i mod groups); when i is a multiple of 7 it is also a
 * member of group ((i + 1) mod groups). Users created later start in no group.
 */
export class SeededDirectory<ProviderUser = unknown> {
  readonly domain: string;
  readonly seed: number;
  /** How many users were seeded (not counting created ones). */
  readonly seedUserCount: number;
  readonly groupCount: number;
  /** Extra per-user provider-specific data a fake keeps (e.g. raw fields set on create). */
  readonly extras = new Map<string, ProviderUser>();

  readonly #now: () => number;
  /** Created and updated users, by id. */
  readonly #overlay = new Map<string, SeedUser>();
  readonly #createdIds: string[] = [];
  readonly #deleted = new Set<string>();
  readonly #purged = new Set<string>();
  /** Lower-cased email and username of overlay users, to their id. */
  readonly #emails = new Map<string, string>();
  readonly #usernames = new Map<string, string>();
  readonly #addedMembers = new Map<string, Set<string>>();
  readonly #removedMembers = new Map<string, Set<string>>();
  #hiddenCache: { withDeleted: number[]; withoutDeleted: number[] } | undefined;
  /** Group ids by index and back, filled as groups are asked for: there are few groups and they never change. */
  readonly #groupIds: string[] = [];
  readonly #groupIndices = new Map<string, number>();

  constructor(options: SeededDirectoryOptions) {
    if (!Number.isSafeInteger(options.users) || options.users < 0) {
      throw new RangeError(`users must be a non-negative integer, got ${options.users}`);
    }
    this.seedUserCount = options.users;
    this.groupCount = options.groups ?? Math.max(3, Math.ceil(options.users / 50));
    this.seed = options.seed ?? 1;
    this.domain = options.domain ?? 'unidir.test';
    this.#now = options.now ?? Date.now;
  }

  /** Current users in order (seed order, then created ones), skipping deleted ones; O(limit) per call. */
  listUsers(options: { offset: number; limit: number; includeDeleted?: boolean }): {
    users: SeedUser[];
    total: number;
  } {
    const hidden = this.#hiddenSeedIndices(options.includeDeleted ?? false);
    const seedVisible = this.seedUserCount - hidden.length;
    const created = this.#createdIds.filter((id) => this.#isVisible(id, options.includeDeleted ?? false));
    const total = seedVisible + created.length;
    const end = Math.min(total, options.offset + options.limit);
    const users: SeedUser[] = [];
    let position = Math.max(0, options.offset);
    if (position < seedVisible) {
      let index = seedIndexAtPosition(position, hidden);
      let pointer = hidden.findIndex((hiddenIndex) => hiddenIndex >= index);
      if (pointer === -1) pointer = hidden.length;
      for (; position < Math.min(end, seedVisible); position++) {
        while (pointer < hidden.length && hidden[pointer] === index) {
          index++;
          pointer++;
        }
        users.push(this.#seedUserAt(index));
        index++;
      }
    }
    for (; position < end; position++) users.push(this.#overlay.get(created[position - seedVisible]!)!);
    return { users, total };
  }

  /** Every current user in order, one at a time. */
  *iterateUsers(options: { includeDeleted?: boolean; pageSize?: number } = {}): Generator<SeedUser> {
    const pageSize = options.pageSize ?? 1000;
    for (let offset = 0; ; offset += pageSize) {
      const { users } = this.listUsers({ offset, limit: pageSize, includeDeleted: options.includeDeleted });
      yield* users;
      if (users.length < pageSize) return;
    }
  }

  userById(id: string, options: LookupOptions = {}): SeedUser | undefined {
    if (!this.#isVisible(id, options.includeDeleted ?? false)) return undefined;
    const changed = this.#overlay.get(id);
    if (changed) return changed;
    const index = this.#seedIndexOf(id);
    return index === undefined ? undefined : this.#seedUserAt(index);
  }

  /** Case-insensitive. */
  userByEmail(email: string, options: LookupOptions = {}): SeedUser | undefined {
    return this.#userByKey('email', email, options);
  }

  /** Case-insensitive. */
  userByUsername(username: string, options: LookupOptions = {}): SeedUser | undefined {
    return this.#userByKey('username', username, options);
  }

  /** Adds a user after the seeded ones; fields not given are generated as for a seeded user. */
  createUser(fields: SeedUserFields): SeedUser {
    const index = this.seedUserCount + this.#createdIds.length;
    const generated = generateSeedUser(this.seed, index, this.domain);
    const givenName = fields.givenName ?? generated.givenName;
    const familyName = fields.familyName ?? generated.familyName;
    const username =
      fields.username ??
      fields.email?.split('@')[0] ??
      `${usernamePart(givenName)}.${usernamePart(familyName)}.${index}`;
    const now = new Date(this.#now()).toISOString();
    const user: SeedUser = {
      ...generated,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: undefined,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      username,
      email: `${username}@${this.domain}`,
      ...withoutIdentity(fields),
      index,
      id: seedId(this.seed, 'user', index),
    };
    this.#assertAvailable(user, undefined);
    this.#createdIds.push(user.id);
    this.#store(user, undefined);
    return user;
  }

  /** Changes a current (not deleted) user; undefined when there is none with this id. */
  updateUser(id: string, fields: SeedUserFields): SeedUser | undefined {
    const previous = this.userById(id);
    if (!previous) return undefined;
    const user: SeedUser = {
      ...previous,
      updatedAt: new Date(this.#now()).toISOString(),
      ...withoutIdentity(fields),
    };
    this.#assertAvailable(user, id);
    this.#store(user, previous);
    return user;
  }

  /** Soft delete: the user disappears from lists and lookups but can be restored or purged. */
  deleteUser(id: string): boolean {
    if (!this.userById(id)) return false;
    this.#deleted.add(id);
    this.#hiddenCache = undefined;
    return true;
  }

  /** Permanent delete of a current or soft-deleted user; frees its email and username. */
  purgeUser(id: string): boolean {
    const user = this.userById(id, { includeDeleted: true });
    if (!user) return false;
    this.#unindex(user);
    this.#overlay.delete(id);
    this.#deleted.delete(id);
    this.#purged.add(id);
    this.extras.delete(id);
    this.#hiddenCache = undefined;
    return true;
  }

  restoreUser(id: string): boolean {
    if (!this.#deleted.delete(id)) return false;
    this.#hiddenCache = undefined;
    return true;
  }

  isDeleted(id: string): boolean {
    return this.#deleted.has(id);
  }

  listGroups(options: { offset: number; limit: number }): { groups: SeedGroup[]; total: number } {
    const groups: SeedGroup[] = [];
    const end = Math.min(this.groupCount, options.offset + options.limit);
    for (let index = Math.max(0, options.offset); index < end; index++) {
      groups.push(this.#seedGroupAt(index));
    }
    return { groups, total: this.groupCount };
  }

  groupById(id: string): SeedGroup | undefined {
    const index = this.#groupIndices.get(id) ?? indexOfSeedId(this.seed, 'group', id);
    return index !== undefined && index < this.groupCount ? this.#seedGroupAt(index) : undefined;
  }

  /** The groups a current user is in, by the membership rule plus changes; [] for an unknown user. */
  groupIdsOfUser(userId: string): string[] {
    // Only the index matters here, so a seeded user is not generated again.
    const userIndex = this.#isVisible(userId, false)
      ? (this.#overlay.get(userId)?.index ?? this.#seedIndexOf(userId))
      : undefined;
    return userIndex === undefined ? [] : this.#groupIdsAt(userId, userIndex);
  }

  /**
   * `groupIdsOfUser` for a user this directory just returned (a listed page): its index is at hand, so the
   * id is not decoded again, which matters when a listing expands every user's groups.
   */
  groupIdsOf(user: SeedUser): string[] {
    return this.#isVisible(user.id, false) ? this.#groupIdsAt(user.id, user.index) : [];
  }

  #groupIdsAt(userId: string, userIndex: number): string[] {
    const groupIds = this.#seededGroupIndices(userIndex)
      .map((groupIndex) => this.#groupId(groupIndex))
      .filter((groupId) => !this.#removedMembers.get(groupId)?.has(userId));
    for (const [groupId, members] of this.#addedMembers) {
      if (members.has(userId)) groupIds.push(groupId);
    }
    return groupIds;
  }

  /** Current members of a group: seeded members in index order, then added ones. O(users / groups). */
  memberIdsOfGroup(groupId: string): string[] {
    const group = this.groupById(groupId);
    if (!group) return [];
    const removed = this.#removedMembers.get(groupId);
    const memberIds: string[] = [];
    for (const index of this.#seededMemberIndices(group.index)) {
      const userId = seedId(this.seed, 'user', index);
      if (!removed?.has(userId) && this.#isVisible(userId, false)) memberIds.push(userId);
    }
    for (const userId of this.#addedMembers.get(groupId) ?? []) {
      if (this.#isVisible(userId, false)) memberIds.push(userId);
    }
    return memberIds;
  }

  isMember(groupId: string, userId: string): boolean {
    return this.groupIdsOfUser(userId).includes(groupId);
  }

  /** Throws NotFoundError when the group or the user does not exist. */
  addMember(groupId: string, userId: string): 'added' | 'already_member' {
    this.#requireGroupAndUser(groupId, userId);
    if (this.isMember(groupId, userId)) return 'already_member';
    if (!this.#removedMembers.get(groupId)?.delete(userId)) {
      setOf(this.#addedMembers, groupId).add(userId);
    }
    return 'added';
  }

  /** Throws NotFoundError when the group or the user does not exist. */
  removeMember(groupId: string, userId: string): 'removed' | 'not_member' {
    const user = this.#requireGroupAndUser(groupId, userId);
    if (!this.isMember(groupId, userId)) return 'not_member';
    if (!this.#addedMembers.get(groupId)?.delete(userId)) {
      const seeded = this.#seededGroupIndices(user.index).map((index) => this.#groupId(index));
      if (seeded.includes(groupId)) setOf(this.#removedMembers, groupId).add(userId);
    }
    return 'removed';
  }

  #seedUserAt(index: number): SeedUser {
    const id = seedId(this.seed, 'user', index);
    return this.#overlay.get(id) ?? generateSeedUser(this.seed, index, this.domain, id);
  }

  /** The index of a seeded user's id, or undefined for any other string. */
  #seedIndexOf(id: string): number | undefined {
    const index = indexOfSeedId(this.seed, 'user', id);
    return index !== undefined && index < this.seedUserCount ? index : undefined;
  }

  #groupId(index: number): string {
    let id = this.#groupIds[index];
    if (id === undefined) {
      id = seedId(this.seed, 'group', index);
      this.#groupIds[index] = id;
      this.#groupIndices.set(id, index);
    }
    return id;
  }

  #seedGroupAt(index: number): SeedGroup {
    return generateSeedGroup(this.seed, index, this.domain, this.#groupId(index));
  }

  #seededGroupIndices(userIndex: number): number[] {
    if (userIndex >= this.seedUserCount || this.groupCount === 0) return [];
    const primary = userIndex % this.groupCount;
    if (userIndex % 7 !== 0 || this.groupCount === 1) return [primary];
    return [primary, (userIndex + 1) % this.groupCount];
  }

  #seededMemberIndices(groupIndex: number): number[] {
    const indices: number[] = [];
    for (let index = groupIndex; index < this.seedUserCount; index += this.groupCount) indices.push(index);
    if (this.groupCount > 1) {
      const secondaryStart = (groupIndex - 1 + this.groupCount) % this.groupCount;
      for (let index = secondaryStart; index < this.seedUserCount; index += this.groupCount) {
        if (index % 7 === 0) indices.push(index);
      }
    }
    return indices.sort((left, right) => left - right);
  }

  #requireGroupAndUser(groupId: string, userId: string): SeedUser {
    if (!this.groupById(groupId)) {
      throw new NotFoundError({ message: `No group ${groupId}.`, resource: 'groups', id: groupId });
    }
    const user = this.userById(userId);
    if (!user) throw new NotFoundError({ message: `No user ${userId}.`, resource: 'users', id: userId });
    return user;
  }

  #isVisible(id: string, includeDeleted: boolean): boolean {
    return !this.#purged.has(id) && (includeDeleted || !this.#deleted.has(id));
  }

  #userByKey(field: 'email' | 'username', value: string, options: LookupOptions): SeedUser | undefined {
    const wanted = value.toLowerCase();
    const changedId = (field === 'email' ? this.#emails : this.#usernames).get(wanted);
    if (changedId) return this.userById(changedId, options);
    const [localPart, domain] = field === 'email' ? wanted.split('@') : [wanted, this.domain];
    if (localPart === undefined || domain !== this.domain.toLowerCase()) return undefined;
    const index = lastNumber(localPart);
    if (index === undefined || index >= this.seedUserCount) return undefined;
    const user = this.userById(seedId(this.seed, 'user', index), options);
    return user?.[field].toLowerCase() === wanted ? user : undefined;
  }

  #assertAvailable(user: SeedUser, ownId: string | undefined): void {
    for (const field of ['email', 'username'] as const) {
      const holder = this.#userByKey(field, user[field], { includeDeleted: true });
      if (holder && holder.id !== ownId) throw new DuplicateError({ field, value: user[field] });
    }
  }

  #store(user: SeedUser, previous: SeedUser | undefined): void {
    if (previous) this.#unindex(previous);
    this.#overlay.set(user.id, user);
    this.#emails.set(user.email.toLowerCase(), user.id);
    this.#usernames.set(user.username.toLowerCase(), user.id);
  }

  #unindex(user: SeedUser): void {
    if (this.#emails.get(user.email.toLowerCase()) === user.id) this.#emails.delete(user.email.toLowerCase());
    if (this.#usernames.get(user.username.toLowerCase()) === user.id) {
      this.#usernames.delete(user.username.toLowerCase());
    }
  }

  /** Sorted indices of seeded users that a listing skips. */
  #hiddenSeedIndices(includeDeleted: boolean): number[] {
    if (!this.#hiddenCache) {
      const indexOf = (id: string) => indexOfSeedId(this.seed, 'user', id);
      const seeded = (ids: Iterable<string>) =>
        [...ids]
          .map(indexOf)
          .filter((index): index is number => index !== undefined && index < this.seedUserCount);
      const purged = seeded(this.#purged);
      this.#hiddenCache = {
        withDeleted: purged.sort((left, right) => left - right),
        withoutDeleted: [...purged, ...seeded(this.#deleted)].sort((left, right) => left - right),
      };
    }
    return includeDeleted ? this.#hiddenCache.withDeleted : this.#hiddenCache.withoutDeleted;
  }
}

function withoutIdentity(fields: SeedUserFields & { index?: unknown; id?: unknown }): SeedUserFields {
  const { index: _index, id: _id, ...rest } = fields;
  return Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  ) as SeedUserFields;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

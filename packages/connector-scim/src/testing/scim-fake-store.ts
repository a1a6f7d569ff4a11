import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@unidir/core';
import { type SeededDirectory, type SeedGroup, type SeedUser, seedId } from '@unidir/testkit';
import { type ScimGroup, type ScimMultiValue, type ScimUser, scimSchemas } from '../scim-resources.js';

/** SCIM attributes a user was written with beyond what SeedUser holds; they win over the seeded ones. */
export type ScimUserExtras = Omit<Partial<ScimUser>, 'id' | 'meta' | 'groups' | 'password'>;

/** A group created through SCIM (seeded groups live in the directory). */
interface CreatedGroup {
  id: string;
  displayName: string;
  externalId?: string;
  members: Set<string>;
  created: string;
  lastModified: string;
}

/**
 * The SCIM view of a SeededDirectory, shared by this package's own fake and the independent scimmy server:
 * seeded users become SCIM Users (core and enterprise schemas), writes go back into the directory, so the
 * conformance suite can check the provider's state through the directory. Only the record mapping is shared;
 * each server applies filters, PATCH operations and paging its own way.
 */
export class ScimFakeStore {
  readonly directory: SeededDirectory<ScimUserExtras>;
  readonly #basePath: string;
  readonly #createdGroups = new Map<string, CreatedGroup>();
  readonly #deletedGroups = new Set<string>();
  readonly #renamedGroups = new Map<string, string>();
  readonly #now: () => number;

  constructor(directory: SeededDirectory<ScimUserExtras>, basePath: string, now: () => number = Date.now) {
    this.directory = directory;
    this.#basePath = basePath;
    this.#now = now;
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }

  #groupMemberships(user: SeedUser): ScimMultiValue[] {
    return this.groupIdsOfUser(user.id).map((groupId) => ({
      value: groupId,
      display: this.groupById(groupId)?.displayName,
      type: 'direct',
    }));
  }

  /** Seeded user i: externalId on every other user, a manager (user 0) for all but user 0. */
  toScimUser(user: SeedUser): ScimUser {
    const managerId = user.index === 0 ? undefined : seedId(this.directory.seed, 'user', 0);
    const base: ScimUser = {
      schemas: [scimSchemas.user, scimSchemas.enterpriseUser],
      id: user.id,
      ...(user.index % 2 === 0 ? { externalId: `ext-${user.index}` } : {}),
      userName: user.username,
      name: { givenName: user.givenName, familyName: user.familyName, formatted: user.displayName },
      displayName: user.displayName,
      title: user.jobTitle,
      emails: [{ value: user.email, primary: true, type: 'work' }],
      phoneNumbers: [
        { value: user.phone, type: 'work' },
        { value: user.mobilePhone, type: 'mobile' },
      ],
      active: !user.suspended,
      timezone: user.timezone,
      preferredLanguage: user.language,
      [scimSchemas.enterpriseUser]: {
        employeeNumber: String(1000 + user.index),
        department: user.department,
        ...(managerId === undefined ? {} : { manager: { value: managerId } }),
      },
    };
    const extras = this.directory.extras.get(user.id) ?? {};
    return {
      ...base,
      ...extras,
      id: user.id,
      groups: this.#groupMemberships(user),
      meta: {
        resourceType: 'User',
        created: user.createdAt,
        lastModified: user.updatedAt,
        location: `${this.#basePath}/Users/${user.id}`,
      },
    };
  }

  /** Every current user as SCIM, in directory order. */
  *users(): Iterable<ScimUser> {
    for (const user of this.directory.iterateUsers()) yield this.toScimUser(user);
  }

  userById(id: string): ScimUser | undefined {
    const user = this.directory.userById(id);
    return user ? this.toScimUser(user) : undefined;
  }

  #fieldsOf(resource: Partial<ScimUser>) {
    const enterprise = resource[scimSchemas.enterpriseUser];
    const email =
      resource.emails?.find((candidate) => candidate.primary)?.value ??
      resource.emails?.[0]?.value ??
      undefined;
    return {
      username: resource.userName,
      givenName: resource.name?.givenName,
      familyName: resource.name?.familyName,
      displayName: resource.displayName,
      jobTitle: resource.title,
      email,
      timezone: resource.timezone,
      language: resource.preferredLanguage,
      department: enterprise?.department,
      suspended: resource.active === undefined ? undefined : !resource.active,
    };
  }

  #extrasOf(resource: Partial<ScimUser>): ScimUserExtras {
    const { id: _id, meta: _meta, groups: _groups, password: _password, ...extras } = resource;
    return extras;
  }

  /** POST /Users: the directory refuses a taken userName or email (DuplicateError, 409). */
  createUser(resource: Partial<ScimUser>): ScimUser {
    const user = this.directory.createUser(this.#fieldsOf(resource));
    this.directory.extras.set(user.id, this.#extrasOf(resource));
    return this.toScimUser(user);
  }

  /** PUT /Users/{id}, or a PATCH once applied: the whole resource as it now is. */
  replaceUser(id: string, resource: Partial<ScimUser>): ScimUser {
    const updated = this.directory.updateUser(id, this.#fieldsOf(resource));
    if (!updated) throw new NotFoundError({ message: `Resource ${id} not found`, resource: 'users', id });
    this.directory.extras.set(id, this.#extrasOf(resource));
    return this.toScimUser(updated);
  }

  deleteUser(id: string): boolean {
    return this.directory.purgeUser(id);
  }

  #seededGroup(group: SeedGroup): ScimGroup {
    return {
      schemas: [scimSchemas.group],
      id: group.id,
      displayName: this.#renamedGroups.get(group.id) ?? group.name,
      members: this.directory.memberIdsOfGroup(group.id).map((userId) => ({ value: userId, type: 'User' })),
      meta: {
        resourceType: 'Group',
        created: group.createdAt,
        lastModified: group.createdAt,
        location: `${this.#basePath}/Groups/${group.id}`,
      },
    };
  }

  #createdGroup(group: CreatedGroup): ScimGroup {
    return {
      schemas: [scimSchemas.group],
      id: group.id,
      displayName: group.displayName,
      ...(group.externalId === undefined ? {} : { externalId: group.externalId }),
      members: [...group.members]
        .filter((userId) => this.directory.userById(userId) !== undefined)
        .map((userId) => ({ value: userId, type: 'User' })),
      meta: {
        resourceType: 'Group',
        created: group.created,
        lastModified: group.lastModified,
        location: `${this.#basePath}/Groups/${group.id}`,
      },
    };
  }

  *groups(): Iterable<ScimGroup> {
    const { groups } = this.directory.listGroups({ offset: 0, limit: this.directory.groupCount });
    for (const group of groups) if (!this.#deletedGroups.has(group.id)) yield this.#seededGroup(group);
    for (const group of this.#createdGroups.values()) yield this.#createdGroup(group);
  }

  groupById(id: string): ScimGroup | undefined {
    const created = this.#createdGroups.get(id);
    if (created) return this.#createdGroup(created);
    const seeded = this.directory.groupById(id);
    return seeded && !this.#deletedGroups.has(id) ? this.#seededGroup(seeded) : undefined;
  }

  groupIdsOfUser(userId: string): string[] {
    const seeded = this.directory
      .groupIdsOfUser(userId)
      .filter((groupId) => !this.#deletedGroups.has(groupId));
    const created = [...this.#createdGroups.values()]
      .filter((group) => group.members.has(userId))
      .map((group) => group.id);
    return [...seeded, ...created];
  }

  #requireGroup(id: string): void {
    if (!this.groupById(id))
      throw new NotFoundError({ message: `Resource ${id} not found`, resource: 'groups', id });
  }

  #requireUser(id: string): void {
    if (!this.directory.userById(id))
      throw new NotFoundError({ message: `User ${id} not found`, resource: 'users', id });
  }

  addMember(groupId: string, userId: string): 'added' | 'already_member' {
    this.#requireGroup(groupId);
    this.#requireUser(userId);
    const created = this.#createdGroups.get(groupId);
    if (!created) return this.directory.addMember(groupId, userId);
    if (created.members.has(userId)) return 'already_member';
    created.members.add(userId);
    created.lastModified = this.#timestamp();
    return 'added';
  }

  removeMember(groupId: string, userId: string): 'removed' | 'not_member' {
    this.#requireGroup(groupId);
    const created = this.#createdGroups.get(groupId);
    if (!created)
      return this.directory.userById(userId) ? this.directory.removeMember(groupId, userId) : 'not_member';
    if (!created.members.delete(userId)) return 'not_member';
    created.lastModified = this.#timestamp();
    return 'removed';
  }

  createGroup(displayName: string, externalId: string | undefined, memberIds: readonly string[]): ScimGroup {
    const now = this.#timestamp();
    const group: CreatedGroup = {
      id: randomUUID(),
      displayName,
      externalId,
      members: new Set(),
      created: now,
      lastModified: now,
    };
    this.#createdGroups.set(group.id, group);
    for (const userId of memberIds) this.addMember(group.id, userId);
    return this.#createdGroup(group);
  }

  renameGroup(id: string, displayName: string): void {
    this.#requireGroup(id);
    const created = this.#createdGroups.get(id);
    if (created) {
      created.displayName = displayName;
      created.lastModified = this.#timestamp();
    } else {
      this.#renamedGroups.set(id, displayName);
    }
  }

  deleteGroup(id: string): boolean {
    if (this.#createdGroups.delete(id)) return true;
    if (!this.directory.groupById(id) || this.#deletedGroups.has(id)) return false;
    this.#deletedGroups.add(id);
    return true;
  }
}

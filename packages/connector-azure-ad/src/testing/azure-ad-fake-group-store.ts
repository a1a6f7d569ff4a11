import { randomUUID } from 'node:crypto';
import type { SeedUser } from '@unidir/testkit';
import { type GraphFakeDirectory, graphGroupRecord } from './azure-ad-fake-records.js';
import { graphTimestamp } from './azure-ad-fake-responses.js';

type GraphGroupRecord = Record<string, unknown>;

/**
 * The tenant's groups as Graph shows them: the seeded groups (with what PATCH changed, minus deleted ones)
 * followed by groups created through the fake. Seeded memberships stay in the SeededDirectory; a created
 * group's members live here, since the seeded directory only knows the groups it generated.
 */
export class GraphGroupStore {
  readonly directory: GraphFakeDirectory;
  /** Changes on every write, so caches of rendered groups know when to start over. */
  revision = 0;
  readonly #now: () => number;
  readonly #created = new Map<string, GraphGroupRecord>();
  readonly #createdMembers = new Map<string, Set<string>>();
  readonly #patches = new Map<string, GraphGroupRecord>();
  readonly #deletedSeedIndices: number[] = [];
  readonly #deleted = new Set<string>();
  /** `groupId/userId` of memberships removed since: Graph answers their removal differently (see removeMember). */
  readonly #removedMemberships = new Set<string>();

  constructor(directory: GraphFakeDirectory, now: () => number) {
    this.directory = directory;
    this.#now = now;
  }

  /** The group's whole Graph record, or undefined when it never existed or was deleted. */
  record(id: string): GraphGroupRecord | undefined {
    if (this.#deleted.has(id)) return undefined;
    const created = this.#created.get(id);
    if (created) return created;
    const seeded = this.directory.groupById(id);
    if (!seeded) return undefined;
    const patch = this.#patches.get(id);
    return patch ? { ...graphGroupRecord(seeded), ...patch } : graphGroupRecord(seeded);
  }

  /** Current groups in order, by position: seeded ones skipping deleted, then created ones. */
  list(offset: number, limit: number): GraphGroupRecord[] {
    const seededVisible = this.directory.groupCount - this.#deletedSeedIndices.length;
    const records: GraphGroupRecord[] = [];
    const end = offset + limit;
    for (let position = Math.max(0, offset); position < Math.min(end, seededVisible); position++) {
      let index = position;
      for (const deletedIndex of this.#deletedSeedIndices) if (deletedIndex <= index) index++;
      const [group] = this.directory.listGroups({ offset: index, limit: 1 }).groups;
      if (group) records.push(this.record(group.id)!);
    }
    const created = [...this.#created.values()];
    for (let position = Math.max(offset, seededVisible); position < end; position++) {
      const record = created[position - seededVisible];
      if (!record) break;
      records.push(record);
    }
    return records;
  }

  create(properties: GraphGroupRecord): GraphGroupRecord {
    const id = randomUUID();
    const now = graphTimestamp(new Date(this.#now()).toISOString());
    const record: GraphGroupRecord = {
      ...graphGroupRecordShape,
      createdDateTime: now,
      renewedDateTime: now,
      ...properties,
      id,
    };
    if (record.mailEnabled === true && typeof record.mailNickname === 'string') {
      record.mail = `${record.mailNickname}@${this.directory.domain}`;
      record.proxyAddresses = [`SMTP:${record.mail}`];
    }
    this.#created.set(id, record);
    this.#createdMembers.set(id, new Set());
    this.revision++;
    return record;
  }

  update(id: string, properties: GraphGroupRecord): void {
    const created = this.#created.get(id);
    if (created) Object.assign(created, properties);
    else this.#patches.set(id, { ...this.#patches.get(id), ...properties });
    this.revision++;
  }

  delete(id: string): void {
    this.#deleted.add(id);
    if (!this.#created.delete(id)) {
      const seeded = this.directory.groupById(id);
      if (seeded) {
        this.#deletedSeedIndices.push(seeded.index);
        this.#deletedSeedIndices.sort((left, right) => left - right);
      }
    }
    this.#createdMembers.delete(id);
    this.revision++;
  }

  /** Whether another current group already uses this mailNickname (Graph refuses the duplicate). */
  hasMailNickname(mailNickname: string): boolean {
    const wanted = mailNickname.toLowerCase();
    for (let offset = 0; ; offset += 500) {
      const page = this.list(offset, 500);
      if (page.some((record) => String(record.mailNickname).toLowerCase() === wanted)) return true;
      if (page.length < 500) return false;
    }
  }

  memberIds(groupId: string): string[] {
    const created = this.#createdMembers.get(groupId);
    if (created) return [...created].filter((userId) => this.directory.userById(userId) !== undefined);
    return this.#deleted.has(groupId) ? [] : this.directory.memberIdsOfGroup(groupId);
  }

  /** The current groups a listed user is a direct member of. */
  groupIdsOf(user: SeedUser): string[] {
    const groupIds = this.directory.groupIdsOf(user).filter((groupId) => !this.#deleted.has(groupId));
    for (const [groupId, members] of this.#createdMembers) {
      if (members.has(user.id)) groupIds.push(groupId);
    }
    return groupIds;
  }

  addMember(groupId: string, userId: string): 'added' | 'already_member' {
    this.#removedMemberships.delete(`${groupId}/${userId}`);
    const created = this.#createdMembers.get(groupId);
    if (!created) return this.directory.addMember(groupId, userId);
    if (created.has(userId)) return 'already_member';
    created.add(userId);
    return 'added';
  }

  /**
   * `already_removed` for a membership that existed and was removed: Graph then answers 400 "One or more
   * removed object references do not exist" (observed in public client code), where it answers a user that
   * never was a member with 404.
   */
  removeMember(groupId: string, userId: string): 'removed' | 'not_member' | 'already_removed' {
    const key = `${groupId}/${userId}`;
    const created = this.#createdMembers.get(groupId);
    const outcome = created
      ? created.delete(userId)
        ? 'removed'
        : 'not_member'
      : this.directory.removeMember(groupId, userId);
    if (outcome === 'removed') {
      this.#removedMemberships.add(key);
      return outcome;
    }
    return this.#removedMemberships.has(key) ? 'already_removed' : outcome;
  }
}

/** What a created group holds for properties the request did not set, as Graph answers them. */
const graphGroupRecordShape: GraphGroupRecord = {
  deletedDateTime: null,
  classification: null,
  description: null,
  expirationDateTime: null,
  groupTypes: [],
  isAssignableToRole: null,
  mail: null,
  membershipRule: null,
  membershipRuleProcessingState: null,
  onPremisesSyncEnabled: null,
  preferredDataLocation: null,
  preferredLanguage: null,
  proxyAddresses: [],
  resourceBehaviorOptions: [],
  resourceProvisioningOptions: [],
  securityIdentifier: null,
  theme: null,
  visibility: null,
  onPremisesProvisioningErrors: [],
  serviceProvisioningErrors: [],
};

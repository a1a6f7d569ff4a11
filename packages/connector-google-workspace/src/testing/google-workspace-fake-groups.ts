import { type SeededDirectory, type SeedGroup, seedId } from '@unidir/testkit';

type GroupChanges = Partial<Pick<SeedGroup, 'name' | 'email' | 'description'>>;

/**
 * Groups as the Directory API changes them: the SeededDirectory's groups, plus groups created through
 * groups.insert (indices after the seeded ones, with their own members), minus deleted ones, with patched
 * fields on top. Memberships of seeded groups stay in the SeededDirectory.
 */
export class GoogleFakeGroups {
  readonly #created = new Map<string, SeedGroup>();
  readonly #createdMembers = new Map<string, Set<string>>();
  readonly #changes = new Map<string, GroupChanges>();
  readonly #deleted = new Set<string>();
  #createdCount = 0;

  constructor(
    readonly directory: SeededDirectory<unknown>,
    readonly now: () => number,
  ) {}

  get count(): number {
    return this.directory.groupCount - this.#deleted.size + this.#created.size;
  }

  /** Current groups in order (seeded, then created), from `offset`. */
  list(offset: number, limit: number): SeedGroup[] {
    const groups: SeedGroup[] = [];
    let position = 0;
    for (const group of this.#all()) {
      if (groups.length === limit) break;
      if (position++ >= offset) groups.push(group);
    }
    return groups;
  }

  byId(id: string): SeedGroup | undefined {
    if (this.#deleted.has(id)) return undefined;
    const group = this.#created.get(id) ?? this.directory.groupById(id);
    return group === undefined ? undefined : this.#withChanges(group);
  }

  byIndex(index: number): SeedGroup | undefined {
    return this.byId(seedId(this.directory.seed, 'group', index));
  }

  byEmail(email: string): SeedGroup | undefined {
    const wanted = email.toLowerCase();
    for (const group of this.#all()) if (group.email.toLowerCase() === wanted) return group;
    return undefined;
  }

  groupIdsOfUser(userId: string): string[] {
    const seeded = this.directory.groupIdsOfUser(userId).filter((id) => !this.#deleted.has(id));
    const created = [...this.#createdMembers].flatMap(([groupId, members]) =>
      members.has(userId) ? [groupId] : [],
    );
    return [...seeded, ...created];
  }

  memberIds(groupId: string): string[] {
    const created = this.#createdMembers.get(groupId);
    if (created === undefined) return this.directory.memberIdsOfGroup(groupId);
    return [...created].filter((userId) => this.directory.userById(userId) !== undefined);
  }

  isMember(groupId: string, userId: string): boolean {
    const created = this.#createdMembers.get(groupId);
    return created === undefined ? this.directory.isMember(groupId, userId) : created.has(userId);
  }

  addMember(groupId: string, userId: string): 'added' | 'already_member' {
    const created = this.#createdMembers.get(groupId);
    if (created === undefined) return this.directory.addMember(groupId, userId);
    if (created.has(userId)) return 'already_member';
    created.add(userId);
    return 'added';
  }

  removeMember(groupId: string, userId: string): void {
    const created = this.#createdMembers.get(groupId);
    if (created === undefined) this.directory.removeMember(groupId, userId);
    else created.delete(userId);
  }

  insert(fields: { email: string; name: string; description: string }): SeedGroup {
    const index = this.directory.groupCount + this.#createdCount++;
    const group: SeedGroup = {
      index,
      id: seedId(this.directory.seed, 'group', index),
      ...fields,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.#created.set(group.id, group);
    this.#createdMembers.set(group.id, new Set());
    return group;
  }

  patch(group: SeedGroup, changes: GroupChanges): SeedGroup {
    this.#changes.set(group.id, { ...this.#changes.get(group.id), ...changes });
    return this.byId(group.id) ?? group;
  }

  delete(group: SeedGroup): void {
    this.#deleted.add(group.id);
    this.#created.delete(group.id);
    this.#createdMembers.delete(group.id);
    this.#changes.delete(group.id);
  }

  *#all(): Generator<SeedGroup> {
    const pageSize = 500;
    for (let offset = 0; offset < this.directory.groupCount; offset += pageSize) {
      for (const group of this.directory.listGroups({ offset, limit: pageSize }).groups) {
        if (!this.#deleted.has(group.id)) yield this.#withChanges(group);
      }
    }
    for (const group of this.#created.values()) yield this.#withChanges(group);
  }

  #withChanges(group: SeedGroup): SeedGroup {
    const changes = this.#changes.get(group.id);
    return changes === undefined ? group : { ...group, ...changes };
  }
}

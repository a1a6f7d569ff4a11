import { randomBytes } from 'node:crypto';
import type { SeedGroup } from '@unidir/testkit';
import type { OktaGroup, OktaGroupType } from '../okta-mapping.js';
import type { OktaFakeDirectory } from './okta-fake-records.js';

interface OwnGroup {
  id: string;
  type: OktaGroupType;
  profile: Record<string, unknown>;
  created: string;
  lastUpdated: string;
  members: Set<string>;
}

export type MembershipChange = 'done' | 'not_member' | 'read_only';

/**
 * The org's groups: Okta's built-in Everyone group (every user, read-only), the seeded OKTA_GROUPs (members by
 * the SeededDirectory rule), an APP_GROUP imported from an app (read-only through the API), and groups
 * created through the API.
 */
export class FakeGroupStore {
  readonly everyoneId = '00gEveryone000000001';
  readonly appGroupId = '00gAppImported0000001';
  readonly #directory: OktaFakeDirectory;
  readonly #now: () => number;
  readonly #own = new Map<string, OwnGroup>();
  readonly #seededProfiles = new Map<string, { profile: Record<string, unknown>; lastUpdated: string }>();
  readonly #deletedSeeded = new Set<string>();

  constructor(directory: OktaFakeDirectory, now: () => number, builtInGroups: boolean) {
    this.#directory = directory;
    this.#now = now;
    if (builtInGroups) {
      const created = new Date(Date.UTC(2021, 0, 4)).toISOString();
      this.#own.set(this.everyoneId, {
        id: this.everyoneId,
        type: 'BUILT_IN',
        profile: { name: 'Everyone', description: 'All users in your organization' },
        created,
        lastUpdated: created,
        members: new Set(),
      });
      this.#own.set(this.appGroupId, {
        id: this.appGroupId,
        type: 'APP_GROUP',
        profile: { name: 'Imported from Workday', description: 'Managed by the Workday app' },
        created,
        lastUpdated: created,
        members: new Set(),
      });
    }
  }

  /** Every group id in listing order. */
  ids(): string[] {
    const seeded = this.#directory
      .listGroups({ offset: 0, limit: this.#directory.groupCount })
      .groups.map((group) => group.id)
      .filter((id) => !this.#deletedSeeded.has(id));
    const own = [...this.#own.keys()];
    const builtIn = own.filter((id) => id === this.everyoneId);
    return [...builtIn, ...seeded, ...own.filter((id) => id !== this.everyoneId)];
  }

  exists(id: string): boolean {
    return this.#own.has(id) || this.#seeded(id) !== undefined;
  }

  typeOf(id: string): OktaGroupType | undefined {
    return this.#own.get(id)?.type ?? (this.#seeded(id) ? 'OKTA_GROUP' : undefined);
  }

  toOkta(id: string, origin: string, withStats = false): OktaGroup | undefined {
    const own = this.#own.get(id);
    const seeded = own ? undefined : this.#seeded(id);
    if (!own && !seeded) return undefined;
    const override = this.#seededProfiles.get(id);
    const group: OktaGroup = own
      ? {
          id,
          type: own.type,
          created: own.created,
          lastUpdated: own.lastUpdated,
          lastMembershipUpdated: own.lastUpdated,
          profile: own.profile,
        }
      : {
          id,
          type: 'OKTA_GROUP',
          created: seeded!.createdAt,
          lastUpdated: override?.lastUpdated ?? seeded!.createdAt,
          lastMembershipUpdated: seeded!.createdAt,
          profile: override?.profile ?? { name: seeded!.name, description: seeded!.description },
        };
    group.objectClass = [group.type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group'];
    group._links = {
      self: { href: `${origin}/api/v1/groups/${id}` },
      users: { href: `${origin}/api/v1/groups/${id}/users` },
    };
    if (withStats) group._embedded = { stats: { usersCount: this.memberIds(id).length } };
    return group;
  }

  findByName(name: string): string | undefined {
    return this.ids().find((id) => this.toOkta(id, '')?.profile.name === name);
  }

  create(profile: Record<string, unknown>): string {
    const id = `00g${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17)}`;
    const now = new Date(this.#now()).toISOString();
    this.#own.set(id, {
      id,
      type: 'OKTA_GROUP',
      profile,
      created: now,
      lastUpdated: now,
      members: new Set(),
    });
    return id;
  }

  replaceProfile(id: string, profile: Record<string, unknown>): void {
    const now = new Date(this.#now()).toISOString();
    const own = this.#own.get(id);
    if (own) {
      own.profile = profile;
      own.lastUpdated = now;
    } else {
      this.#seededProfiles.set(id, { profile, lastUpdated: now });
    }
  }

  delete(id: string): void {
    if (!this.#own.delete(id)) this.#deletedSeeded.add(id);
  }

  /** Current members, in a stable order. */
  memberIds(id: string): string[] {
    if (id === this.everyoneId) return [...this.#directory.iterateUsers()].map((user) => user.id);
    const own = this.#own.get(id);
    if (own) return [...own.members].filter((userId) => this.#directory.userById(userId) !== undefined);
    return this.#directory.memberIdsOfGroup(id);
  }

  groupIdsOf(userId: string): string[] {
    if (this.#directory.userById(userId) === undefined) return [];
    const ids = this.ids();
    const seeded = new Set(this.#directory.groupIdsOfUser(userId));
    return ids.filter(
      (id) => id === this.everyoneId || seeded.has(id) || (this.#own.get(id)?.members.has(userId) ?? false),
    );
  }

  add(groupId: string, userId: string): MembershipChange {
    const own = this.#own.get(groupId);
    if (own && own.type !== 'OKTA_GROUP') return 'read_only';
    if (own) own.members.add(userId);
    else this.#directory.addMember(groupId, userId);
    return 'done';
  }

  remove(groupId: string, userId: string): MembershipChange {
    const own = this.#own.get(groupId);
    if (own && own.type !== 'OKTA_GROUP') return 'read_only';
    if (own) return own.members.delete(userId) ? 'done' : 'not_member';
    return this.#directory.removeMember(groupId, userId) === 'removed' ? 'done' : 'not_member';
  }

  #seeded(id: string): SeedGroup | undefined {
    return this.#deletedSeeded.has(id) ? undefined : this.#directory.groupById(id);
  }
}

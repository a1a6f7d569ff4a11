import {
  createFakeDirectory,
  type FakeDirectoryOptions,
  type SeedGroup,
  type SeedUser,
  seedId,
} from '@unidir/testkit';
import type { ScimUser, SlackTeam, SlackUser, SlackUserGroup } from '../slack-types.js';
import {
  indexOfSlackFakeId,
  slackFakeEnterpriseId,
  slackFakeEnterpriseName,
  slackFakeId,
} from './slack-fake-ids.js';

export interface SlackFakeOrgOptions extends FakeDirectoryOptions {
  /** Workspaces in the Grid org. Default 3. */
  workspaces?: number;
  /** false: a single Business+ workspace, no enterprise (admin.* methods answer not_an_enterprise). Default true. */
  grid?: boolean;
}

const workspaceNames = ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance', 'Research', 'Legal'];

/**
 * Account types by seeded index, so every small directory has each kind: user 0 is the primary owner,
 * every 10th from 2 an admin, from 6 a multi-channel guest, from 8 a single-channel guest, every 19th from
 * 11 a bot, and the seed's suspended users are deactivated.
 */
export function accountTypeOf(index: number) {
  return {
    isPrimaryOwner: index === 0,
    isOwner: index === 0 || index % 50 === 12,
    isAdmin: index === 0 || index % 10 === 2 || index % 97 === 0,
    isRestricted: index % 10 === 6 || index % 10 === 8,
    isUltraRestricted: index % 10 === 8,
    isBot: index % 19 === 11,
  };
}

/**
 * A Slack Enterprise Grid org over testkit's seeded directory: the directory holds people, user groups and
 * their members; this adds workspaces, account types, deactivation and Slack's record shapes.
 */
export class SlackFakeOrg {
  readonly directory;
  readonly workspaceCount: number;
  readonly grid: boolean;
  /** Workspace ids of users whose workspaces changed, by Slack user id. */
  readonly #workspaceOverrides = new Map<string, string[]>();

  constructor(options: SlackFakeOrgOptions = {}) {
    this.directory = createFakeDirectory(options);
    this.grid = options.grid ?? true;
    this.workspaceCount = this.grid ? Math.max(1, options.workspaces ?? 3) : 1;
  }

  /** The enterprise on Grid; outside Grid the one workspace owns everything. */
  get organizationId(): string {
    return this.grid ? slackFakeEnterpriseId : slackFakeId('T', 0);
  }

  userIdOf(user: SeedUser): string {
    return slackFakeId('W', user.index);
  }

  groupIdOf(group: SeedGroup): string {
    return slackFakeId('S', group.index);
  }

  /** The seeded (or created) user behind a Slack id, deactivated ones included. */
  seedUser(slackId: string): SeedUser | undefined {
    const index = indexOfSlackFakeId('W', slackId);
    if (index === undefined) return undefined;
    return this.directory.userById(seedId(this.directory.seed, 'user', index), { includeDeleted: true });
  }

  seedGroup(slackId: string): SeedGroup | undefined {
    const index = indexOfSlackFakeId('S', slackId);
    if (index === undefined) return undefined;
    return this.directory.groupById(seedId(this.directory.seed, 'group', index));
  }

  isDeactivated(user: SeedUser): boolean {
    return user.suspended || this.directory.isDeleted(user.id);
  }

  deactivate(user: SeedUser): void {
    if (user.suspended) this.directory.updateUser(user.id, { suspended: false });
    this.directory.deleteUser(user.id);
  }

  reactivate(user: SeedUser): void {
    this.directory.restoreUser(user.id);
    if (user.suspended) this.directory.updateUser(user.id, { suspended: false });
  }

  workspaces(): SlackTeam[] {
    return Array.from({ length: this.workspaceCount }, (_, index) => this.workspaceAt(index));
  }

  workspace(teamId: string): SlackTeam | undefined {
    const index = indexOfSlackFakeId('T', teamId);
    return index !== undefined && index < this.workspaceCount ? this.workspaceAt(index) : undefined;
  }

  workspaceAt(index: number): SlackTeam {
    const name = `${slackFakeEnterpriseName} ${workspaceNames[index % workspaceNames.length]}${index >= workspaceNames.length ? ` ${Math.floor(index / workspaceNames.length) + 1}` : ''}`;
    const domain = name.toLowerCase().replaceAll(' ', '-');
    const team = { id: slackFakeId('T', index), name, domain };
    return this.grid
      ? {
          ...team,
          team_url: `https://${domain}.enterprise.slack.com/`,
          enterprise_id: slackFakeEnterpriseId,
          enterprise_name: slackFakeEnterpriseName,
        }
      : { ...team, team_url: `https://${domain}.slack.com/` };
  }

  /** Seeded rule: user i is in workspace i mod W, and every 4th user also in the next one; guests in one. */
  workspaceIdsOf(user: SeedUser): string[] {
    const slackId = this.userIdOf(user);
    const changed = this.#workspaceOverrides.get(slackId);
    if (changed) return changed;
    const first = user.index % this.workspaceCount;
    const ids = [slackFakeId('T', first)];
    const second = (first + 1) % this.workspaceCount;
    if (user.index % 4 === 0 && second !== first && !accountTypeOf(user.index).isRestricted) {
      ids.push(slackFakeId('T', second));
    }
    return ids;
  }

  removeFromWorkspace(user: SeedUser, teamId: string): boolean {
    const current = this.workspaceIdsOf(user);
    if (!current.includes(teamId)) return false;
    this.#workspaceOverrides.set(
      this.userIdOf(user),
      current.filter((id) => id !== teamId),
    );
    return true;
  }

  /** The Web API user object, as users.list and users.info answer it; `withEmail` needs users:read.email. */
  webUser(user: SeedUser, withEmail: boolean): SlackUser {
    const type = accountTypeOf(user.index);
    const updated = Math.floor(Date.parse(user.updatedAt) / 1000);
    const teams = this.workspaceIdsOf(user);
    const image = `https://avatars.slack-edge.test/${this.userIdOf(user)}`;
    const profile: NonNullable<SlackUser['profile']> = type.isBot
      ? {
          real_name: `${user.givenName} Bot`,
          display_name: `${user.givenName} Bot`,
          image_192: `${image}_192.png`,
        }
      : {
          title: user.jobTitle,
          phone: user.phone,
          real_name: user.displayName,
          display_name: user.givenName,
          first_name: user.givenName,
          last_name: user.familyName,
          image_192: `${image}_192.png`,
          image_512: `${image}_512.png`,
          ...(withEmail ? { email: user.email } : {}),
        };
    const flags = {
      is_admin: type.isAdmin,
      is_owner: type.isOwner,
      is_primary_owner: type.isPrimaryOwner,
    };
    return {
      id: this.userIdOf(user),
      team_id: teams[0] ?? this.organizationId,
      name: type.isBot ? `${user.givenName.toLowerCase()}-bot-${user.index}` : user.username,
      deleted: this.isDeactivated(user),
      real_name: profile.real_name,
      tz: user.timezone,
      profile,
      ...flags,
      is_restricted: type.isRestricted,
      is_ultra_restricted: type.isUltraRestricted,
      is_bot: type.isBot,
      is_app_user: false,
      is_email_confirmed: !type.isBot,
      has_2fa: user.index % 3 !== 1,
      updated,
      ...(this.grid
        ? {
            enterprise_user: {
              id: this.userIdOf(user),
              enterprise_id: slackFakeEnterpriseId,
              enterprise_name: slackFakeEnterpriseName,
              ...flags,
              teams,
            },
          }
        : {}),
    };
  }

  /** The SCIM v2 user; Slack's SCIM never lists bots. */
  scimUser(user: SeedUser, baseUrl: string): ScimUser & Record<string, unknown> {
    const slackId = this.userIdOf(user);
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: slackId,
      externalId: '',
      userName: user.username,
      nickName: user.username,
      name: { givenName: user.givenName, familyName: user.familyName },
      displayName: user.displayName,
      title: user.jobTitle,
      timezone: user.timezone,
      active: !this.isDeactivated(user),
      emails: [{ value: user.email, primary: true }],
      phoneNumbers: [{ value: user.phone, type: 'work' }],
      groups: this.directory
        .groupIdsOfUser(user.id)
        .map((groupId) => this.directory.groupById(groupId))
        .filter((group) => group !== undefined)
        .map((group) => ({ value: this.groupIdOf(group), display: group.name })),
      meta: { created: user.createdAt, location: `${baseUrl}/Users/${slackId}` },
    };
  }

  memberIdsOf(group: SeedGroup): string[] {
    return this.directory
      .memberIdsOfGroup(group.id)
      .map((memberId) => this.directory.userById(memberId))
      .filter((member) => member !== undefined)
      .map((member) => this.userIdOf(member));
  }

  /** usergroups.list's shape; Grid org-wide user groups belong to the enterprise. */
  userGroup(group: SeedGroup, options: { includeUsers: boolean }): SlackUserGroup {
    const members = this.memberIdsOf(group);
    const created = Math.floor(Date.parse(group.createdAt) / 1000);
    return {
      id: this.groupIdOf(group),
      team_id: this.organizationId,
      enterprise_subteam_id: this.groupIdOf(group),
      name: group.name,
      handle: group.email.split('@')[0],
      description: group.description,
      is_external: false,
      date_create: created,
      date_update: created,
      date_delete: 0,
      user_count: members.length,
      ...(options.includeUsers ? { users: members } : {}),
    };
  }
}

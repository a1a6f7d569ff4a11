import type { SeedGroup, SeedUser } from '@unidir/testkit';

/** GitHub account ids of seeded people: far from small numbers so a test cannot confuse them with indices. */
const personIdBase = 10_000_000;
const teamIdBase = 7_000_000;

/** A GitHub login: letters, digits and single dashes (no dots, unlike the seed's usernames). */
export function loginOf(user: Pick<SeedUser, 'username'>): string {
  return user.username.replaceAll('.', '-');
}

export function personIdOf(index: number): number {
  return personIdBase + index;
}

export function personIndexOf(id: number): number | undefined {
  const index = id - personIdBase;
  return Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}

/** The index a seeded login ends with (`ada-lovelace-17` -> 17). */
export function indexOfLogin(login: string): number | undefined {
  const match = /-(\d+)$/.exec(login);
  return match ? Number(match[1]) : undefined;
}

export function teamIdOf(index: number): number {
  return teamIdBase + index;
}

/** `Engineering 1` -> `engineering-1`, as GitHub derives a team's slug from its name. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

/** GitHub's "simple user": what member lists, memberships and invitations carry. */
export function simpleUser(baseUrl: string, user: SeedUser) {
  return simpleAccount(baseUrl, loginOf(user), personIdOf(user.index), 'User');
}

/** The "simple user" shape of any account, an organization included (an App's owner). */
export function simpleAccount(baseUrl: string, login: string, id: number, type: 'User' | 'Organization') {
  const url = `${baseUrl}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

/** Seeded users whose index ends in 9 keep their email private, as many GitHub users do. */
export function publicEmailOf(user: SeedUser): string | null {
  return user.index % 10 === 9 ? null : user.email;
}

/** GitHub's "public user": `GET /users/{username}` and `GET /user/{account_id}`. */
export function publicUser(baseUrl: string, user: SeedUser) {
  return {
    ...simpleUser(baseUrl, user),
    name: user.displayName,
    company: null,
    blog: '',
    location: user.city,
    email: publicEmailOf(user),
    hireable: null,
    bio: `${user.jobTitle}, ${user.department}.`,
    public_repos: user.index % 13,
    public_gists: 0,
    followers: user.index % 29,
    following: user.index % 7,
    created_at: user.createdAt.replace(/\.\d{3}Z$/, 'Z'),
    updated_at: user.updatedAt.replace(/\.\d{3}Z$/, 'Z'),
  };
}

export interface FakeOrganization {
  login: string;
  id: number;
  plan: { name: string; space: number; private_repos: number; seats: number; filled_seats: number };
}

export function organizationSimple(baseUrl: string, organization: FakeOrganization) {
  const url = `${baseUrl}/orgs/${organization.login}`;
  return {
    login: organization.login,
    id: organization.id,
    node_id: nodeId('Organization', organization.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${organization.id}?v=4`,
    description: `The ${organization.login} organization.`,
  };
}

/** `GET /orgs/{org}`: `plan` is only shown to owners (and tokens with admin:org), as GitHub does. */
export function organizationFull(baseUrl: string, organization: FakeOrganization, showPlan: boolean) {
  return {
    ...organizationSimple(baseUrl, organization),
    name: organization.login,
    html_url: `https://github.com/${organization.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 4,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: '2020-05-04T09:00:00Z',
    updated_at: '2026-01-04T09:00:00Z',
    archived_at: null,
    ...(showPlan ? { plan: organization.plan } : {}),
  };
}

export interface FakeTeam {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  createdAt: string;
  updatedAt: string;
  /** The directory group behind a seeded team; created teams keep their own members. */
  groupId?: string;
  members?: Set<string>;
}

export function teamFromGroup(group: SeedGroup): FakeTeam {
  const createdAt = group.createdAt.replace(/\.\d{3}Z$/, 'Z');
  return {
    id: teamIdOf(group.index),
    slug: slugOf(group.name),
    name: group.name,
    description: group.description,
    privacy: 'closed',
    createdAt,
    updatedAt: createdAt,
    groupId: group.id,
  };
}

export function teamSimple(baseUrl: string, organization: FakeOrganization, team: FakeTeam) {
  const url = `${baseUrl}/organizations/${organization.id}/team/${team.id}`;
  return {
    id: team.id,
    node_id: nodeId('Team', team.id),
    url,
    html_url: `https://github.com/orgs/${organization.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: 'organization',
    organization_id: organization.id,
  };
}

export function teamFull(
  baseUrl: string,
  organization: FakeOrganization,
  team: FakeTeam,
  membersCount: number,
) {
  const {
    parent: _parent,
    organization_id: _organizationId,
    ...simple
  } = teamSimple(baseUrl, organization, team);
  return {
    ...simple,
    members_count: membersCount,
    repos_count: 0,
    created_at: team.createdAt,
    updated_at: team.updatedAt,
    organization: organizationFull(baseUrl, organization, false),
  };
}

export interface FakeInvitation {
  id: number;
  /** Null for an invitation by email to someone GitHub does not know by that address. */
  personIndex: number | null;
  email: string | null;
  role: 'admin' | 'direct_member' | 'billing_manager';
  createdAt: string;
  inviterIndex: number;
}

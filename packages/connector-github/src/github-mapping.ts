import type { UnifiedGroup, UnifiedUser } from '@unidir/core';

/** GitHub's "simple user", the shape member lists carry; profiles add name, public email and dates. */
export interface GitHubUser {
  login: string;
  id: number;
  node_id?: string;
  avatar_url?: string;
  html_url?: string;
  type?: string;
  site_admin?: boolean;
  name?: string | null;
  email?: string | null;
  bio?: string | null;
  created_at?: string;
  updated_at?: string;
}

export interface GitHubMembership {
  state: 'active' | 'pending';
  role: 'admin' | 'member' | 'billing_manager';
  user?: GitHubUser | null;
}

export interface GitHubInvitation {
  id: number;
  login: string | null;
  email: string | null;
  role: string;
  created_at: string;
}

export interface GitHubTeam {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  privacy?: string;
  members_count?: number;
  created_at?: string;
  updated_at?: string;
}

/** What is known of a user's standing in one organization. */
export interface OrganizationStanding {
  organization: string;
  role?: GitHubMembership['role'];
  state?: GitHubMembership['state'];
  twoFactorEnabled?: boolean;
  outsideCollaborator?: boolean;
}

/** GitHub's ISO timestamps have no fraction, which the unified schema accepts as they are. */
function timestamp(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function userType(standings: readonly OrganizationStanding[]): string | undefined {
  if (standings.some((standing) => standing.outsideCollaborator)) return 'outside_collaborator';
  if (standings.some((standing) => standing.role === 'admin')) return 'admin';
  if (standings.some((standing) => standing.role !== undefined)) return 'end_user';
  return undefined;
}

function status(standings: readonly OrganizationStanding[]): string | undefined {
  if (standings.some((standing) => standing.state === 'active')) return 'active';
  if (standings.some((standing) => standing.state === 'pending')) return 'invited';
  return undefined;
}

/** A GitHub account and its standing in the organizations read: id is the numeric account id. */
export function mapGitHubUser(
  user: GitHubUser,
  standings: readonly OrganizationStanding[],
  remoteData: object = user,
): UnifiedUser {
  const unified: UnifiedUser = {
    id: String(user.id),
    remote_data: remoteData as Record<string, unknown>,
    username: user.login,
    identifiers: { login: user.login, ...(user.node_id ? { node_id: user.node_id } : {}) },
  };
  if (user.name) unified.name = user.name;
  if (user.email) unified.emails = [{ email: user.email, is_primary: true, type: 'public' }];
  if (user.bio) unified.bio = user.bio;
  if (user.avatar_url) unified.avatar = user.avatar_url;
  if (user.html_url) unified.urls = [{ type: 'profile', url: user.html_url }];
  const state = status(standings);
  if (state) unified.status = state;
  const type = userType(standings);
  if (type) unified.user_type = type;
  const twoFactor = standings.find((standing) => standing.twoFactorEnabled !== undefined)?.twoFactorEnabled;
  if (twoFactor !== undefined) unified.is_2fa_enabled = twoFactor;
  if (standings.length > 0) {
    unified.organizations = standings.map((standing) => ({
      id: standing.organization,
      name: standing.organization,
    }));
  }
  const roles = standings.filter((standing) => standing.role !== undefined);
  if (roles.length > 0) {
    unified.roles = roles.map((standing) => ({
      id: standing.role!,
      name: standing.role!,
      organization: standing.organization,
    }));
  }
  const createdAt = timestamp(user.created_at);
  if (createdAt) unified.created_at = createdAt;
  const updatedAt = timestamp(user.updated_at);
  if (updatedAt) unified.updated_at = updatedAt;
  return unified;
}

const invitationIdPrefix = 'invitation:';

/** The invitation id inside a user id of the `invitation:<id>` form, if it is one. */
export function invitationIdOf(userId: string): string | undefined {
  const match = /^invitation:(\d+)$/.exec(userId);
  return match?.[1];
}

/**
 * A pending invitation. Its id is the invitee's login when GitHub knows the account (so get and delete work
 * with it), else `invitation:<id>` for an invitation by email to an address no account has yet.
 */
export function mapGitHubInvitation(invitation: GitHubInvitation, organization: string): UnifiedUser {
  const role =
    invitation.role === 'admin' ? 'admin' : invitation.role === 'direct_member' ? 'member' : invitation.role;
  const unified: UnifiedUser = {
    id: invitation.login ?? `${invitationIdPrefix}${invitation.id}`,
    identifiers: {
      invitation_id: String(invitation.id),
      ...(invitation.login ? { login: invitation.login } : {}),
    },
    status: 'invited',
    user_type: role === 'admin' ? 'admin' : 'end_user',
    organizations: [{ id: organization, name: organization }],
    roles: [{ id: role, name: role, organization }],
    remote_data: invitation as unknown as Record<string, unknown>,
  };
  if (invitation.login) unified.username = invitation.login;
  if (invitation.email) unified.emails = [{ email: invitation.email, is_primary: true }];
  const createdAt = timestamp(invitation.created_at);
  if (createdAt) unified.created_at = createdAt;
  return unified;
}

/** Team ids name their organization (`org/slug`): team slugs are only unique within one. */
export function teamIdOf(organization: string, slug: string): string {
  return `${organization}/${slug}`;
}

export function mapGitHubTeam(team: GitHubTeam, organization: string): UnifiedGroup {
  const unified: UnifiedGroup = {
    id: teamIdOf(organization, team.slug),
    name: team.name,
    group_type: 'team',
    organization_id: organization,
    remote_data: team as unknown as Record<string, unknown>,
  };
  if (team.description) unified.description = team.description;
  if (team.members_count !== undefined) unified.member_count = team.members_count;
  const createdAt = timestamp(team.created_at);
  if (createdAt) unified.created_at = createdAt;
  const updatedAt = timestamp(team.updated_at);
  if (updatedAt) unified.updated_at = updatedAt;
  return unified;
}

import type { UnifiedGroup, UnifiedUser, UnifiedWorkspace } from '@unidir/core';
import { slackRoleIdsOf, slackRoles, slackUserTypeOf } from './slack-roles.js';
import type { SlackTeam, SlackUser, SlackUserGroup } from './slack-types.js';

/** Slack's timestamps are Unix seconds; 0 means "never". */
export function isoFromUnixSeconds(seconds: number | undefined): string | undefined {
  return seconds === undefined || seconds === 0 ? undefined : new Date(seconds * 1000).toISOString();
}

/** Absent fields are left out rather than set to undefined, so a record carries only what Slack gave. */
function definedFields<Record extends object>(record: Record): Record {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The workspaces a user belongs to: `enterprise_user.teams` on Grid, else the user's one team. */
export function workspaceIdsOf(user: SlackUser): string[] {
  return user.enterprise_user?.teams ?? (user.team_id === undefined ? [] : [user.team_id]);
}

export function mapSlackUser(user: SlackUser): UnifiedUser {
  const profile = user.profile ?? {};
  const email = nonEmpty(profile.email);
  const phone = nonEmpty(profile.phone);
  const enterprise = user.enterprise_user;
  const roleNames = new Map<string, string>(slackRoles.map((role) => [role.id, role.name]));
  const unified: UnifiedUser = {
    id: user.id,
    first_name: nonEmpty(profile.first_name),
    last_name: nonEmpty(profile.last_name),
    name: nonEmpty(user.real_name) ?? nonEmpty(profile.real_name),
    title: nonEmpty(profile.title),
    username: nonEmpty(user.name),
    emails: email === undefined ? undefined : [{ email, is_primary: true, type: 'work' }],
    phones: phone === undefined ? undefined : [{ number: phone, type: 'work' }],
    status: user.deleted ? 'inactive' : 'active',
    is_email_verified: user.is_email_confirmed,
    is_2fa_enabled: user.has_2fa,
    roles: slackRoleIdsOf(user).map((id) => ({ id, name: roleNames.get(id) })),
    organizations:
      enterprise?.enterprise_id === undefined
        ? undefined
        : [{ id: enterprise.enterprise_id, name: nonEmpty(enterprise.enterprise_name) }],
    workspaces: workspaceIdsOf(user).map((id) => ({ id })),
    avatar: nonEmpty(profile.image_512) ?? nonEmpty(profile.image_192),
    timezone: nonEmpty(user.tz),
    user_type: slackUserTypeOf(user),
    updated_at: isoFromUnixSeconds(user.updated),
    remote_data: user as unknown as Record<string, unknown>,
  };
  return definedFields(unified);
}

export function mapSlackUserGroup(group: SlackUserGroup): UnifiedGroup {
  const unified: UnifiedGroup = {
    id: group.id,
    name: nonEmpty(group.name),
    description: nonEmpty(group.description),
    group_type: 'user_group',
    organization_id: nonEmpty(group.team_id),
    member_count: group.user_count ?? group.users?.length,
    created_at: isoFromUnixSeconds(group.date_create),
    updated_at: isoFromUnixSeconds(group.date_update),
    remote_data: group as unknown as Record<string, unknown>,
  };
  return definedFields(unified);
}

export function mapSlackTeam(team: SlackTeam, organizationId: string | undefined): UnifiedWorkspace {
  const unified: UnifiedWorkspace = {
    id: team.id,
    name: nonEmpty(team.name),
    organization_id: organizationId,
    remote_data: team as unknown as Record<string, unknown>,
  };
  return definedFields(unified);
}

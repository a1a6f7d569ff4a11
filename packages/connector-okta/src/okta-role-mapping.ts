import type { UnifiedRole, UnifiedRoleAssignment } from '@unidir/core';
import { type OktaRoleAssignment, oktaTimestamp, roleIdOf } from './okta-mapping.js';

export function mapOktaRoleAssignment(assignment: OktaRoleAssignment, userId: string): UnifiedRoleAssignment {
  const unified: UnifiedRoleAssignment = {
    id: assignment.id,
    role_id: roleIdOf(assignment),
    user_id: userId,
  };
  if (assignment['resource-set']) unified.scope = assignment['resource-set'];
  const created = oktaTimestamp(assignment.created);
  if (created) unified.created_at = created;
  unified.remote_data = assignment;
  return unified;
}

/** Okta's standard admin roles, by their `type`: the catalogue `roles.list` serves beside the custom roles. */
export const oktaStandardRoles: ReadonlyArray<{ id: string; name: string; description: string }> = [
  { id: 'SUPER_ADMIN', name: 'Super Administrator', description: 'Every admin permission in the org.' },
  {
    id: 'ORG_ADMIN',
    name: 'Organization Administrator',
    description: 'Users, groups, apps and most org settings.',
  },
  { id: 'APP_ADMIN', name: 'Application Administrator', description: 'Apps and their assignments.' },
  {
    id: 'USER_ADMIN',
    name: 'Group Administrator',
    description: 'Users and groups (possibly limited to some groups).',
  },
  { id: 'HELP_DESK_ADMIN', name: 'Help Desk Administrator', description: 'Password and factor resets.' },
  { id: 'GROUP_MEMBERSHIP_ADMIN', name: 'Group Membership Administrator', description: 'Group memberships.' },
  {
    id: 'READ_ONLY_ADMIN',
    name: 'Read-only Administrator',
    description: 'Reads everything, changes nothing.',
  },
  { id: 'MOBILE_ADMIN', name: 'Mobile Administrator', description: 'Device management.' },
  {
    id: 'API_ACCESS_MANAGEMENT_ADMIN',
    name: 'API Access Management Administrator',
    description: 'Authorization servers.',
  },
  { id: 'REPORT_ADMIN', name: 'Report Administrator', description: 'Reports and the system log.' },
];

export interface OktaCustomRole {
  id: string;
  label?: string;
  description?: string;
  created?: string;
  lastUpdated?: string;
  [property: string]: unknown;
}

export function mapOktaStandardRole(role: (typeof oktaStandardRoles)[number]): UnifiedRole {
  return { id: role.id, name: role.name, description: role.description, remote_data: { type: role.id } };
}

export function mapOktaCustomRole(role: OktaCustomRole): UnifiedRole {
  const unified: UnifiedRole = { id: role.id };
  if (role.label) unified.name = role.label;
  if (role.description) unified.description = role.description;
  const created = oktaTimestamp(role.created);
  const updated = oktaTimestamp(role.lastUpdated);
  if (created) unified.created_at = created;
  if (updated) unified.updated_at = updated;
  unified.remote_data = role;
  return unified;
}

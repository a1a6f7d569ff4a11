import type { SeedUser } from '@unidir/testkit';

/** A few of Google's prebuilt administrator roles, as roles.list names them. */
export const systemRoles = [
  {
    roleName: '_SEED_ADMIN_ROLE',
    roleDescription: 'Super Admin',
    isSuperAdminRole: true,
    privilege: 'SUPER_ADMIN',
  },
  {
    roleName: '_GROUPS_ADMIN_ROLE',
    roleDescription: 'Groups Administrator',
    isSuperAdminRole: false,
    privilege: 'GROUPS_ALL',
  },
  {
    roleName: '_USER_MANAGEMENT_ADMIN_ROLE',
    roleDescription: 'User Management Administrator',
    isSuperAdminRole: false,
    privilege: 'USERS_ALL',
  },
  {
    roleName: '_HELP_DESK_ADMIN_ROLE',
    roleDescription: 'Help Desk Administrator',
    isSuperAdminRole: false,
    privilege: 'USERS_RESET_PASSWORD',
  },
] as const;

/** Seeded users whose index is 5 more than a multiple of 89 hold the Groups Administrator role. */
export const delegatedAdminStep = 89;
export const delegatedAdminOffset = 5;
export const groupsAdminRoleIndex = 1;
/** The Help Desk Administrator role is granted to the first group. */
export const helpDeskRoleIndex = 3;

export function isDelegatedAdmin(user: Pick<SeedUser, 'index'>): boolean {
  return user.index % delegatedAdminStep === delegatedAdminOffset;
}

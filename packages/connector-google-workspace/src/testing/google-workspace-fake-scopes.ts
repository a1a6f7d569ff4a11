const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;

/** The scopes each Directory API method accepts, from the discovery document's `scopes` lists. */
export const directoryScopes = {
  user: scope('admin.directory.user'),
  userReadonly: scope('admin.directory.user.readonly'),
  group: scope('admin.directory.group'),
  groupReadonly: scope('admin.directory.group.readonly'),
  groupMember: scope('admin.directory.group.member'),
  groupMemberReadonly: scope('admin.directory.group.member.readonly'),
  roleManagement: scope('admin.directory.rolemanagement'),
  roleManagementReadonly: scope('admin.directory.rolemanagement.readonly'),
  customer: scope('admin.directory.customer'),
  customerReadonly: scope('admin.directory.customer.readonly'),
} as const;

/** Scopes of the other APIs the fake serves: the Reports API and the Enterprise License Manager API. */
export const otherApiScopes = {
  reportsAudit: scope('admin.reports.audit.readonly'),
  licensing: scope('apps.licensing'),
} as const;

export const methodScopes = {
  readUsers: [directoryScopes.user, directoryScopes.userReadonly],
  writeUsers: [directoryScopes.user],
  readGroups: [directoryScopes.group, directoryScopes.groupReadonly],
  readMembers: [
    directoryScopes.group,
    directoryScopes.groupReadonly,
    directoryScopes.groupMember,
    directoryScopes.groupMemberReadonly,
  ],
  writeMembers: [directoryScopes.group, directoryScopes.groupMember],
  writeGroups: [directoryScopes.group],
  readRoles: [directoryScopes.roleManagement, directoryScopes.roleManagementReadonly],
  readCustomer: [directoryScopes.customer, directoryScopes.customerReadonly],
  readActivities: [otherApiScopes.reportsAudit],
  licensing: [otherApiScopes.licensing],
} as const;

const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;

/** The scopes each Directory API method accepts, from the discovery document's `scopes` lists. */
export const directoryScopes = {
  user: scope('admin.directory.user'),
  userReadonly: scope('admin.directory.user.readonly'),
  group: scope('admin.directory.group'),
  groupReadonly: scope('admin.directory.group.readonly'),
  groupMember: scope('admin.directory.group.member'),
  groupMemberReadonly: scope('admin.directory.group.member.readonly'),
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
} as const;

import type { CapabilityManifest, FieldCapability } from '@unidir/core';

const userFields: Record<string, FieldCapability> = {
  id: { notes: 'The Slack user id (W... on Enterprise Grid, U... elsewhere).' },
  first_name: { notes: 'profile.first_name' },
  last_name: { notes: 'profile.last_name' },
  name: { notes: 'real_name' },
  title: { notes: 'profile.title' },
  username: { notes: 'name (the handle)' },
  emails: { notes: 'profile.email (primary, work); absent for bots, and without users:read.email.' },
  'emails.email': {},
  'emails.is_primary': {},
  'emails.type': {},
  phones: { notes: 'profile.phone (work).' },
  status: { notes: 'deleted true (deactivated): inactive; else active.' },
  is_email_verified: { notes: 'is_email_confirmed' },
  is_2fa_enabled: { notes: 'has_2fa (Slack shows it to admin tokens only).' },
  roles: {
    notes:
      'From the account-type flags (on Grid enterprise_user flags count too): primary_owner, owner, admin, member, multi_channel_guest (is_restricted), single_channel_guest (is_ultra_restricted), bot.',
  },
  organizations: { notes: 'The Grid enterprise (enterprise_user.enterprise_id and enterprise_name).' },
  workspaces: { notes: 'enterprise_user.teams on Grid (ids only), else team_id.' },
  avatar: { notes: 'profile.image_512, else image_192.' },
  timezone: { notes: 'tz (IANA).' },
  user_type: {
    notes: 'admin (owners and admins), end_user (members), guest (multi-channel), single_channel_guest, bot.',
  },
  updated_at: { notes: 'updated (Unix seconds).' },
  remote_data: { notes: 'The Web API user object.' },
};

const scimUserFields: Record<string, FieldCapability> = {
  id: {},
  username: { notes: 'userName' },
  name: { notes: 'displayName' },
  first_name: { notes: 'name.givenName' },
  last_name: { notes: 'name.familyName' },
  title: {},
  emails: { notes: 'emails (value, primary, type)' },
  status: { notes: 'active' },
  remote_data: { notes: 'The SCIM user Slack answered.' },
};

const groupFields: Record<string, FieldCapability> = {
  id: { notes: 'The user group id (S...).' },
  name: {},
  description: {},
  group_type: { notes: 'Always user_group.' },
  organization_id: { notes: 'team_id: the workspace, or on Grid the enterprise, that owns the group.' },
  member_count: { notes: 'user_count' },
  created_at: { notes: 'date_create' },
  updated_at: { notes: 'date_update' },
  remote_data: {},
};

const membershipNotes =
  'usergroups.users.list reads the members first: already in (or already out) is already_done with no write. Then one SCIM PATCH /Groups/{group_id} with a single add or remove operation naming only this user, so a member someone else adds meanwhile is never dropped (usergroups.users.update would replace the whole list with what was read).';

const deleteParameters = {
  workspace_id: {
    notes:
      'Enterprise Grid: admin.users.remove with team_id=workspace_id; the user leaves that workspace only and stays in the organization and its other workspaces. users.info is read first: a user already outside the workspace is already_done with no write (team.info then checks that the workspace exists).',
  },
  remove_from: {
    values: ['group', 'organization'],
    notes:
      'group: only that user group membership goes (see groups.removeUser). organization: the same as the default delete (deactivated in every workspace of the org); with remove_from_id or organization_id the user is read first and nothing happens unless it belongs to that organization.',
  },
  remove_from_id: {
    notes: 'The user group id (remove_from=group) or the enterprise id (remove_from=organization).',
  },
  group_id: { notes: 'Same as remove_from=group with remove_from_id.' },
  organization_id: { notes: 'Same as remove_from=organization with remove_from_id.' },
  user_type: {
    notes:
      'A guard: users.info is read first (the response includes the user) and nothing is deleted unless the user is an owner or admin (admin) or is not one (end_user: members, guests and bots).',
  },
  permanent: {
    notes:
      'Refused when true: Slack never deletes users permanently. The default deactivates (SCIM DELETE /Users/{id}).',
  },
};

/** What this connector does with each unified parameter and field; the runtime and the docs read it. */
export const slackManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: {
        email: {
          notes:
            'users.lookupByEmail: exactly that user, or none; with workspace_id, only if it is in that workspace.',
        },
        workspace_id: { notes: 'users.list team_id: the members of that Grid workspace.' },
      },
      fields: userFields,
      requestCount: '1 per page of up to 1000 users (limit, default 100); email: 1.',
      notes:
        'users.list includes deactivated users (status inactive) and bots. remote_query passes users.list arguments through (e.g. include_locale) except limit, cursor and team_id.',
    },
    get: { parameters: {}, fields: userFields, requestCount: '1 (users.info).' },
    create: {
      parameters: {},
      fields: scimUserFields,
      requestCount: '1 (SCIM POST /Users).',
      notes: 'Needs username and an email. Only names, title, username, emails and external_id are writable.',
    },
    update: {
      parameters: {},
      fields: scimUserFields,
      requestCount: '1 (SCIM PATCH /Users/{id}, a replace per attribute).',
    },
    delete: {
      parameters: deleteParameters,
      fields: userFields,
      requestCount:
        'default 1 (SCIM DELETE); workspace_id 2 (users.info, admin.users.remove; team.info instead of the removal when the user is already out); group 2 (usergroups.users.list, SCIM PATCH); user_type or an organization id add 1 read.',
      notes:
        'emails and product are refused. A SCIM DELETE repeated after a lost answer that meets 404 is already_done; so is a delete whose users.info shows the user already deactivated.',
    },
  },
  groups: {
    list: {
      parameters: {
        user_id: { notes: 'usergroups.list include_users=true, keeping the groups that list the user.' },
      },
      fields: groupFields,
      requestCount: '1: usergroups.list is not paged, so one page holds every group.',
    },
    get: {
      parameters: {},
      fields: groupFields,
      requestCount: '1 (usergroups.list; Slack has no usergroups.info).',
    },
    addUser: {
      parameters: {},
      fields: {},
      requestCount: '2 (1 when already a member).',
      notes: membershipNotes,
    },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount: '2 (1 when not a member).',
      notes: membershipNotes,
    },
  },
  roles: {
    list: {
      parameters: {},
      fields: { id: {}, name: {}, description: {} },
      requestCount: '0: fixed account types.',
    },
    get: { parameters: {}, fields: { id: {}, name: {}, description: {} }, requestCount: '0' },
  },
  workspaces: {
    list: {
      parameters: {},
      fields: {
        id: {},
        name: {},
        organization_id: { notes: 'Outside Grid only (team.info).' },
        remote_data: {},
      },
      requestCount:
        'Grid: 1 per page of up to 100 (admin.teams.list); otherwise 2 (admin.teams.list refused, team.info).',
    },
    get: {
      parameters: {},
      fields: { id: {}, name: {}, organization_id: { notes: 'enterprise_id' }, remote_data: {} },
      requestCount: '1 (team.info).',
    },
  },
  organizations: {
    list: {
      parameters: {},
      fields: { id: { notes: 'enterprise_id on Grid, else the team id.' }, name: {}, remote_data: {} },
      requestCount: '1 (team.info).',
    },
    get: { parameters: {}, fields: { id: {}, name: {}, remote_data: {} }, requestCount: '1 (team.info).' },
  },
  me: {
    list: {
      parameters: {},
      fields: {
        id: { notes: 'auth.test user_id' },
        username: {},
        identity_type: { notes: 'user, or application for a bot token.' },
        organization_id: { notes: 'enterprise_id, else team_id.' },
        organization_name: { notes: 'Outside Grid only: the team name.' },
        remote_data: {},
      },
      requestCount: '1 (auth.test).',
    },
  },
};

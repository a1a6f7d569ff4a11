import type { CapabilityManifest, FieldCapability } from '@unidir/core';

const listUserFields: Record<string, FieldCapability> = {
  id: {
    notes: 'The numeric GitHub account id (stable across renames); invitations by email: invitation:<id>.',
  },
  identifiers: { notes: 'login and node_id; invitation_id for invitations.' },
  username: { notes: 'The login.' },
  status: { notes: 'active for members and outside collaborators; invited for pending invitations.' },
  avatar: { notes: 'avatar_url' },
  urls: { notes: 'html_url (type profile).' },
  organizations: { notes: 'The organization listed.' },
  remote_data: {
    notes: 'The member, collaborator or invitation as GitHub listed it (plus the profile when asked).',
  },
};

const profileFields: Record<string, FieldCapability> = {
  name: { notes: 'The profile name.' },
  emails: { notes: 'The public profile email only (GitHub shows no other to an organization).' },
  bio: {},
  created_at: { notes: 'When the GitHub account was created (not when it joined).' },
  updated_at: {},
};

const membershipFields: Record<string, FieldCapability> = {
  user_type: { notes: 'admin for owners, end_user for members and billing managers, outside_collaborator.' },
  roles: { notes: 'The organization role per organization: admin, member or billing_manager.' },
};

const getUserFields: Record<string, FieldCapability> = {
  ...listUserFields,
  ...profileFields,
  ...membershipFields,
  status: { notes: 'Membership state: active -> active, pending -> invited.' },
  organizations: { notes: 'Every covered organization in which the user is a member or invited.' },
};

const groupFields: Record<string, FieldCapability> = {
  id: { notes: 'organization/team-slug: team slugs are unique per organization. A rename changes the slug.' },
  name: {},
  description: {},
  group_type: { notes: 'Always team.' },
  organization_id: { notes: 'The organization login.' },
  member_count: { notes: 'members_count, on get, create and update (team lists do not carry it).' },
  created_at: { notes: 'On get, create and update.' },
  updated_at: { notes: 'On get, create and update.' },
  remote_data: {},
};

const organizationIdParameter = {
  notes:
    'The organization login; required when the account covers more than one organization, else that one is used.',
};

const deleteParameters = {
  organization_id: {
    notes:
      'Removes the user from this organization: DELETE /orgs/{org}/memberships/{username} (also cancels a pending invitation; drops team memberships). The default when the account covers one organization.',
  },
  remove_from: {
    values: ['organization', 'group'],
    notes:
      'organization: as organization_id, with the login in remove_from_id. group: DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}; the user stays in the organization.',
  },
  remove_from_id: {
    notes: 'The organization login, or the team id (organization/team-slug); required with remove_from.',
  },
  group_id: { notes: 'Same as remove_from=group with remove_from_id.' },
  permanent: {
    values: ['false'],
    notes:
      'permanent=true is refused before any call: an organization cannot delete a personal GitHub account, only remove it from the organization.',
  },
  user_type: {
    notes:
      'A guard: the membership is read first (1 extra request, and the response includes the user) and nothing is removed unless the user is an owner (admin) or not one (end_user).',
  },
};

/** What this connector does with each unified parameter and field; the runtime and the docs read it. */
export const gitHubManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: {
        organization_id: organizationIdParameter,
        group_id: {
          notes:
            'Members of that team (GET /orgs/{org}/teams/{team_slug}/members); the team id names its organization.',
        },
        status: {
          values: ['active', 'invited'],
          notes: 'active: members (the default). invited: pending invitations (GET /orgs/{org}/invitations).',
        },
        'remote_query.include_profile': {
          values: ['true', 'false'],
          notes:
            'true adds name, public email, bio, created_at and updated_at: one GET /users/{username} per listed user. Not for invitations.',
        },
        'remote_query.affiliation': {
          values: ['members', 'outside_collaborators'],
          notes: 'outside_collaborators lists GET /orgs/{org}/outside_collaborators instead of members.',
        },
        'remote_query.role': {
          values: ['all', 'admin', 'member'],
          notes: 'Passed to GitHub; with admin or member, user_type and roles are filled in.',
        },
        'remote_query.filter': {
          values: ['all', '2fa_disabled', '2fa_insecure'],
          notes:
            'Passed to GitHub (owners only); with 2fa_disabled, is_2fa_enabled is false on every listed member.',
        },
      },
      fields: listUserFields,
      requestCount:
        '1 per page of up to 100 users (limit, default 100); remote_query[include_profile]=true adds 1 per user.',
      notes:
        "Link-header paging behind the cursor. remote_query passes role and filter to GitHub; per_page and page are the connector's.",
    },
    get: {
      parameters: {},
      fields: getUserFields,
      requestCount: '1 (the profile) + 1 per organization the account covers (the membership).',
      notes: 'The id is the account id or the login. A user in none of the organizations is not found.',
    },
    create: {
      parameters: {},
      fields: getUserFields,
      requestCount: '1 (POST /orgs/{org}/invitations); plus 1 profile read when inviting by username.',
      notes:
        'An invitation: by username (the account is read for its id) or by the primary email; user_type admin invites an owner, else a member. organizations[0].id picks the organization. The user is invited until they accept.',
    },
    update: {
      parameters: {},
      fields: getUserFields,
      requestCount:
        '2 (the membership read, then PUT /orgs/{org}/memberships/{username}); 1 fewer when the role is unchanged; plus 1 profile read for an account id.',
      notes:
        'Only user_type (the organization role: admin or end_user). A non-member is not found: the PUT would invite them.',
    },
    delete: {
      parameters: deleteParameters,
      fields: getUserFields,
      requestCount:
        '1 DELETE; plus 1 profile read when the id is an account id; user_type adds 1 membership read.',
      notes:
        'An invitation:<id> id cancels that invitation (DELETE /orgs/{org}/invitations/{invitation_id}). Removing the last owner is refused by GitHub and answered as last_owner. A retried DELETE that meets 404 reports already_done. workspace_id, emails and product are refused.',
    },
  },
  groups: {
    list: {
      parameters: {},
      fields: Object.fromEntries(
        Object.entries(groupFields).filter(
          ([name]) => !['member_count', 'created_at', 'updated_at'].includes(name),
        ),
      ),
      requestCount: '1 per page of up to 100 teams, organization after organization.',
    },
    get: { parameters: {}, fields: groupFields, requestCount: '1' },
    create: {
      parameters: {},
      fields: groupFields,
      requestCount: '1 (POST /orgs/{org}/teams, a visible team).',
      notes: 'name is required; description optional; organization_id picks the organization.',
    },
    update: {
      parameters: {},
      fields: groupFields,
      requestCount: '1 (PATCH).',
      notes: 'name and description.',
    },
    delete: { parameters: {}, fields: {}, requestCount: '1 (DELETE /orgs/{org}/teams/{team_slug}).' },
    addUser: {
      parameters: {},
      fields: {},
      requestCount: '1 (PUT team membership); plus 1 profile read when user_id is an account id.',
      notes: 'GitHub answers the same whether or not the user was already on the team: the outcome is done.',
    },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount: '1 (DELETE team membership); plus 1 profile read when user_id is an account id.',
      notes:
        'A user not on the team is not found; a retry that meets 404 after a lost answer is already_done.',
    },
  },
  roles: {
    list: {
      parameters: {},
      fields: { id: {}, name: {}, description: {} },
      requestCount: '0: the base organization roles.',
    },
    get: { parameters: {}, fields: { id: {}, name: {}, description: {} }, requestCount: '0' },
  },
  organizations: {
    list: {
      parameters: {},
      fields: { id: { notes: 'The login.' }, name: {}, created_at: {}, updated_at: {}, remote_data: {} },
      requestCount: '1 per organization the account covers.',
    },
    get: {
      parameters: {},
      fields: { id: { notes: 'The login.' }, name: {}, created_at: {}, updated_at: {}, remote_data: {} },
      requestCount: '1',
    },
  },
  licenses: {
    list: {
      parameters: {},
      fields: {
        id: { notes: 'organization:plan-name' },
        name: { notes: 'The plan name.' },
        total_seats: { notes: 'plan.seats' },
        used_seats: { notes: 'plan.filled_seats' },
        organization_id: {},
        remote_data: {},
      },
      requestCount:
        '1 per organization; organizations whose plan GitHub does not show (non-owners) yield none.',
    },
    get: {
      parameters: {},
      fields: { id: {}, name: {}, total_seats: {}, used_seats: {}, organization_id: {}, remote_data: {} },
      requestCount: '1',
    },
  },
  me: {
    list: {
      parameters: {},
      fields: {
        id: {},
        name: {},
        username: {},
        emails: {},
        identity_type: {},
        organization_id: {},
        remote_data: {},
      },
      requestCount: '1: GET /user for a token; GET /app (with the app JWT) for an app installation.',
    },
  },
};

import type { CapabilityManifest, FieldCapability } from '@unidir/core';

const listedUserFields: Record<string, FieldCapability> = {
  id: { notes: 'The Okta user id (00u…).' },
  identifiers: { notes: 'login and, when set, employee_number (profile.employeeNumber).' },
  username: { notes: 'profile.login' },
  first_name: { notes: 'profile.firstName' },
  last_name: { notes: 'profile.lastName' },
  name: { notes: 'profile.displayName, else firstName and lastName.' },
  title: { notes: 'profile.title' },
  emails: {
    notes:
      'profile.email (primary, work), profile.secondEmail (secondary), profile.login when it is another address (login).',
  },
  'emails.email': {},
  'emails.is_primary': {},
  'emails.type': {},
  phones: { notes: 'profile.primaryPhone (work), profile.mobilePhone (mobile).' },
  status: {
    notes:
      'STAGED, PROVISIONED: invited. ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT: active. SUSPENDED: inactive. DEPROVISIONED (what the default delete leaves; reversible): deleted.',
  },
  timezone: { notes: 'profile.timezone' },
  languages: { notes: 'profile.preferredLanguage, then profile.locale (en_US as en-US) when it differs.' },
  activated_at: { notes: 'activated' },
  status_changed_at: { notes: 'statusChanged' },
  last_login_at: { notes: 'lastLogin' },
  created_at: { notes: 'created' },
  updated_at: { notes: 'lastUpdated' },
  remote_data: {
    notes:
      'The Okta user: department, employeeNumber, costCenter, manager and custom profile attributes are there.',
  },
};

const userFields: Record<string, FieldCapability> = {
  ...listedUserFields,
  groups: { notes: 'GET /users/{id}/groups (one more request).' },
  roles: {
    notes:
      'Admin role assignments, GET /users/{id}/roles (one more request). Absent, with user_type, when the token lacks okta.roles.read.',
  },
  user_type: {
    notes:
      'admin when the user holds an admin role assignment, else end_user (profile.userType is free text).',
  },
  remote_data: { notes: 'The Okta user, with the groups and roles read for it.' },
};

const writtenUserFields: Record<string, FieldCapability> = {
  ...listedUserFields,
  remote_data: { notes: 'The Okta user as the create or update answered it.' },
};

const groupFields: Record<string, FieldCapability> = {
  id: { notes: 'The Okta group id (00g…).' },
  name: { notes: 'profile.name' },
  description: { notes: 'profile.description' },
  group_type: {
    notes: 'group (OKTA_GROUP), app_group (APP_GROUP, managed by an app), built_in (BUILT_IN: Everyone).',
  },
  created_at: { notes: 'created' },
  updated_at: { notes: 'lastUpdated' },
  remote_data: {},
};

const writeBodyNotes =
  'body: first_name, last_name, name (displayName), title, username (login), emails (the primary as email, one more as secondEmail), phones (work: primaryPhone, mobile: mobilePhone), timezone, languages (one: preferredLanguage), urls (profileUrl), identifiers (login, employee_number), password, remote_data.profile (raw profile attributes, e.g. department).';

const deleteParameters = {
  permanent: {
    notes:
      'true: deactivate unless already DEPROVISIONED, then DELETE /users/{id}: gone for good. Default: only deactivate (POST /users/{id}/lifecycle/deactivate), reversible by reactivating.',
  },
  remove_from: {
    values: ['group'],
    notes:
      'group: only DELETE /groups/{remove_from_id}/users/{id}; the user stays. Okta refuses the Everyone group and app-managed (APP_GROUP) groups with 403 E0000006, passed on. organization is refused: the default delete is how a user leaves the org.',
  },
  remove_from_id: { notes: 'The group id; required with remove_from=group.' },
  group_id: { notes: 'Same as remove_from=group with remove_from_id.' },
  user_type: {
    values: ['admin', 'end_user'],
    notes:
      "A guard: the user's admin roles are read first (GET /users/{id}/roles) and nothing is deleted when the user is not of this type.",
  },
};

export const oktaManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: {
        email: { notes: 'search: profile.email or profile.login equals it.' },
        group_id: { notes: 'GET /groups/{group_id}/users; combines with no other filter.' },
        status: { notes: 'A unified status or an Okta one (LOCKED_OUT), as a search on status.' },
        created_at: { notes: 'search on created (gt, gte, lt, lte).' },
        updated_at: { notes: 'search on lastUpdated (gt, gte, lt, lte).' },
        include_deleted: { notes: 'Also DEPROVISIONED users, which a plain Okta list leaves out.' },
      },
      fields: listedUserFields,
      requestCount:
        '1 per page of up to 200 (limit is capped at 200); groups and roles are not read for lists.',
      notes:
        'Pages follow the Link rel="next" after cursor. Without a filter DEPROVISIONED (deleted) users are left out, as Okta does. remote_query passes search, filter, q, sortBy, sortOrder, fields to Okta (limit and after are the connector\'s).',
    },
    get: {
      parameters: {},
      fields: userFields,
      requestCount: '3: the user (by id or login), its groups, its admin roles.',
    },
    create: {
      parameters: {},
      fields: writtenUserFields,
      requestCount: '1',
      notes: `POST /users?activate=true (status invited: activate=false, STAGED). With a password the user is ACTIVE, without one PROVISIONED (Okta emails an activation link). ${writeBodyNotes}`,
    },
    update: {
      parameters: {},
      fields: writtenUserFields,
      requestCount: '1',
      notes: `POST /users/{id}: a partial profile update; attributes not sent are kept. status is refused (delete deactivates). ${writeBodyNotes}`,
    },
    delete: {
      parameters: deleteParameters,
      fields: {
        ...listedUserFields,
        roles: { notes: 'With user_type only: the admin role assignments the guard read.' },
        user_type: { notes: 'With user_type only: admin or end_user, from the roles read.' },
      },
      requestCount:
        '2 (read, deactivate); permanent: 3 (read, deactivate, DELETE), 2 when already deactivated; a group: 1; user_type adds 1 (roles).',
      notes:
        'The user is read first and its status decides, so a retry never escalates: an already DEPROVISIONED user is not deactivated again (already_done), and DELETE /users/{id} is only sent to a deprovisioned user (a 404 on its retry is already_done). sendEmail=false unless the send_email setting is true.',
    },
  },
  groups: {
    list: {
      parameters: {
        user_id: { notes: "GET /users/{user_id}/groups: all the user's groups in one unpaged answer." },
      },
      fields: { ...groupFields, member_count: { notes: '_embedded.stats.usersCount (expand=stats).' } },
      requestCount: '1 per page of up to 1000 (default 200).',
      notes: 'remote_query passes search, filter and q to Okta.',
    },
    get: { parameters: {}, fields: groupFields, requestCount: '1' },
    create: {
      parameters: {},
      fields: groupFields,
      requestCount: '1',
      notes: 'POST /groups: an OKTA_GROUP. body: name, description, remote_data.profile.',
    },
    update: {
      parameters: {},
      fields: groupFields,
      requestCount: '2: the group is read, then its whole profile replaced (PUT).',
      notes: 'Okta refuses APP_GROUP and BUILT_IN groups (403 E0000006).',
    },
    delete: {
      parameters: {},
      fields: {},
      requestCount: '1',
      notes: 'DELETE /groups/{id}; a 404 on its retry is already_done.',
    },
    addUser: {
      parameters: {},
      fields: {},
      requestCount: '1',
      notes:
        'PUT /groups/{group_id}/users/{user_id}. Okta answers 204 whether or not the user already was a member, so the outcome is done either way.',
    },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount: '1',
      notes:
        'DELETE /groups/{group_id}/users/{user_id}; a 404 on its retry is already_done. Okta refuses Everyone and APP_GROUP memberships (403 E0000006).',
    },
  },
  roles: {
    list: {
      parameters: { user_id: { notes: 'The roles assigned to this user (GET /users/{user_id}/roles).' } },
      fields: {
        id: { notes: 'The standard role type (SUPER_ADMIN) or the custom role id.' },
        name: {},
        description: {},
        remote_data: {},
      },
      requestCount:
        'None for the pages of standard roles (a fixed catalogue, served first), then 1 per page of custom roles (GET /iam/roles).',
    },
    get: {
      parameters: {},
      fields: { id: {}, name: {}, description: {}, remote_data: {} },
      requestCount: '0 for a standard role, 1 for a custom role.',
    },
  },
  role_assignments: {
    list: {
      parameters: {
        user_id: {
          required: true,
          notes: 'Okta lists role assignments per user (GET /users/{user_id}/roles).',
        },
        role_id: { notes: 'Keeps the assignments of this role (a standard type or a custom role id).' },
      },
      fields: {
        id: {},
        role_id: {},
        user_id: {},
        scope: { notes: 'The resource set of a custom role assignment.' },
        created_at: {},
        remote_data: {},
      },
      requestCount: '1',
    },
  },
  me: {
    list: {
      parameters: {},
      fields: {
        id: { notes: "The API token's admin user id, or the service app's client id." },
        name: {},
        username: {},
        emails: {},
        identity_type: { notes: 'user (API token) or application (service app).' },
        organization_id: { notes: 'GET /org id.' },
        organization_name: { notes: 'companyName' },
        remote_data: {},
      },
      requestCount: '2 with an API token (org, /users/me), 1 with a service app.',
    },
  },
};

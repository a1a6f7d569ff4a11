import type { CapabilityManifest, FieldCapability } from '@unidir/core';

const userFields: Record<string, FieldCapability> = {
  id: { notes: 'The Entra object id (GUID).' },
  identifiers: { notes: 'user_principal_name and, when set, employee_id.' },
  first_name: { notes: 'givenName' },
  last_name: { notes: 'surname' },
  name: { notes: 'displayName' },
  title: { notes: 'jobTitle' },
  username: { notes: 'userPrincipalName' },
  emails: {
    notes:
      'mail (primary, work), proxyAddresses (SMTP: primary, smtp: alias), otherMails (other); de-duplicated.',
  },
  'emails.email': {},
  'emails.is_primary': {},
  'emails.type': {},
  phones: { notes: 'businessPhones (work), mobilePhone (mobile), faxNumber (fax).' },
  status: {
    notes:
      'accountEnabled true: active, false: inactive; a pending B2B invitation (externalUserState PendingAcceptance): invited; in deleted items: deleted.',
  },
  roles: { notes: 'Activated directory roles the user holds directly (from memberOf).' },
  groups: {
    notes:
      'Direct group memberships (from memberOf). Lists carry at most 20 groups and roles per user (a Graph $expand limit); get reads every membership.',
  },
  user_type: {
    notes:
      'admin when the user holds a directory role; otherwise Guest for B2B guests (userType Guest) and end_user for members.',
  },
  licenses: { notes: 'assignedLicenses[].skuId as id; no name (that needs /subscribedSkus).' },
  languages: { notes: 'preferredLanguage' },
  created_at: { notes: 'createdDateTime' },
  last_login_at: {
    notes:
      'signInActivity.lastSuccessfulSignInDateTime (else lastSignInDateTime), only with the include_sign_in_activity setting (AuditLog.Read.All and an Entra ID P1/P2 licence).',
  },
  remote_data: { notes: 'The Graph user as selected, memberOf included.' },
};

const groupFields: Record<string, FieldCapability> = {
  id: {},
  name: { notes: 'displayName' },
  description: {},
  group_type: { notes: 'microsoft_365 (Unified), security, mail_enabled_security or distribution.' },
  emails: { notes: 'mail' },
  created_at: { notes: 'createdDateTime' },
  remote_data: {},
};

const deleteParameters = {
  remove_from: {
    values: ['group'],
    notes:
      'group: only the membership is removed (DELETE /groups/{remove_from_id}/members/{id}/$ref); the user stays. organization is refused: an Entra user cannot leave its tenant except by being deleted.',
  },
  remove_from_id: { notes: 'The group id; required with remove_from=group.' },
  group_id: {
    notes:
      'Same as remove_from=group with remove_from_id: removes the membership only. Cannot be combined with permanent.',
  },
  permanent: {
    notes:
      'true: DELETE /users/{id}, then DELETE /directory/deletedItems/{id}. A 404 on the second step can be replication lag: it is repeated up to 3 times (0.5, 1, 2 s). Default false: soft delete, restorable for 30 days.',
  },
  product: {
    values: ['azure_active_directory'],
    notes: 'azure_active_directory is this integration and changes nothing; workspace is refused.',
  },
  user_type: {
    notes:
      'A guard, not a filter: the user is read first (1 extra request, and the response includes it) and nothing is deleted unless it is an admin (holds a directory role) for admin, or not one for end_user.',
  },
};

/** What this connector does with each unified parameter and field; the runtime and the docs read it. */
export const azureAdManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: {
        email: {
          notes: '$filter: mail, userPrincipalName or any otherMails equal to it (case-insensitive).',
        },
        group_id: {
          notes:
            'Direct members of the group (GET /groups/{id}/members/microsoft.graph.user). Cannot be combined with other filters.',
        },
        status: {
          values: ['active', 'inactive', 'deleted'],
          notes:
            'active/inactive filter accountEnabled; deleted lists /directory/deletedItems/microsoft.graph.user (no groups).',
        },
        created_at: {
          notes:
            'gte and lte only ($filter createdDateTime ge/le, which Graph supports without advanced queries); gt and lt are refused.',
        },
      },
      fields: userFields,
      requestCount:
        '1 per page of up to 999 users (limit, default 100): groups and roles come in the same request through $expand=memberOf.',
      notes:
        'remote_query passes OData options through except $select, $expand, $top and $skiptoken; $search or $count adds ConsistencyLevel: eventual and drops $expand (Graph refuses $expand in advanced queries), so groups and roles are then absent.',
    },
    get: {
      parameters: {},
      fields: userFields,
      requestCount: '1; plus 1 per 999 memberships when the user has 20 or more groups and roles.',
    },
    create: {
      parameters: {},
      fields: userFields,
      requestCount: '1 (POST /users, 201).',
      notes:
        'Needs name (or first_name/last_name), username (the userPrincipalName, on a verified domain; else the primary email) and password (forceChangePasswordNextSignIn is set). mailNickname is derived from the userPrincipalName. Fields Graph cannot store here (groups, roles, licenses, avatar, ...) are refused.',
    },
    update: {
      parameters: {},
      fields: userFields,
      requestCount:
        '2: PATCH /users/{id} (204), then the get. Entra is eventually consistent: the re-read may briefly show the previous values.',
    },
    delete: {
      parameters: deleteParameters,
      fields: userFields,
      requestCount:
        'soft delete 1; permanent 2 (up to 5 when the purge meets replication lag); group removal 1; user_type adds 1 read.',
      notes:
        'organization_id, workspace_id and emails are refused. Every step is idempotent: a retried DELETE that meets 404 reports already_done.',
    },
  },
  groups: {
    list: {
      parameters: {
        user_id: { notes: "The user's direct groups (GET /users/{id}/memberOf/microsoft.graph.group)." },
      },
      fields: groupFields,
      requestCount: '1 per page of up to 999 groups.',
    },
    get: {
      parameters: {},
      fields: groupFields,
      requestCount: '1',
    },
  },
};

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
  roles: {
    notes:
      'Built-in directory roles the user holds directly (from memberOf, in the same request); id is the role definition id (roleTemplateId), as roles and role_assignments use. Custom roles and roles held through a group are not in memberOf: list role_assignments for those.',
  },
  groups: {
    notes:
      'Direct group memberships (from memberOf). Lists carry at most 20 groups and roles per user (a Graph $expand limit); get reads every membership.',
  },
  user_type: {
    notes:
      'admin when the user holds a directory role; otherwise Guest for B2B guests (userType Guest) and end_user for members.',
  },
  licenses: {
    notes:
      'assignedLicenses[].skuId as id (the license id), named by skuPartNumber from /subscribedSkus, which the account client reads at most once per 10 minutes (never per user). Without Organization.Read.All the names are absent (logged), the ids remain.',
  },
  organizations: {
    notes:
      'The tenant ({id: tenant_id}) when the account names its tenant by GUID; absent for a domain tenant_id. No name (that needs /organization).',
  },
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

const roleFields: Record<string, FieldCapability> = {
  id: { notes: 'The role definition id: for built-in roles the template id, the same in every tenant.' },
  name: { notes: 'displayName' },
  description: {},
  remote_data: { notes: 'The unifiedRoleDefinition (rolePermissions, isBuiltIn, isEnabled, templateId...).' },
};

const licenseFields: Record<string, FieldCapability> = {
  id: { notes: "skuId (what users' assignedLicenses name)." },
  name: { notes: 'skuPartNumber, e.g. ENTERPRISEPACK.' },
  total_seats: { notes: 'prepaidUnits.enabled' },
  used_seats: { notes: 'consumedUnits' },
  organization_id: { notes: 'accountId (the tenant).' },
  remote_data: { notes: 'The subscribedSku, servicePlans included.' },
};

const organizationFields: Record<string, FieldCapability> = {
  id: { notes: 'The tenant id.' },
  name: { notes: 'displayName' },
  created_at: { notes: 'createdDateTime' },
  remote_data: { notes: 'The organization (verifiedDomains, tenantType, ...).' },
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
        '1 per page of up to 999 users (limit, default 100): groups and roles come in the same request through $expand=memberOf; plus GET /subscribedSkus (licence names) at most once per 10 minutes per account client, never per user.',
      notes:
        'remote_query passes OData options through except $select, $expand, $top and $skiptoken; $search or $count adds ConsistencyLevel: eventual and drops $expand (Graph refuses $expand in advanced queries), so groups and roles are then absent.',
    },
    get: {
      parameters: {},
      fields: userFields,
      requestCount:
        '1; plus 1 per 999 memberships when the user has 20 or more groups and roles; plus the cached GET /subscribedSkus (at most once per 10 minutes per account client).',
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
        '2: PATCH /users/{id} (204), then the get (with its cached SKU read). Entra is eventually consistent: the re-read may briefly show the previous values.',
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
    create: {
      parameters: {},
      fields: groupFields,
      requestCount:
        '1 (POST /groups, 201). Never repeated after a lost answer: check with a list before creating again.',
      notes:
        'Needs name. group_type: security (default; mailEnabled false, securityEnabled true) or microsoft_365 (groupTypes Unified, mailEnabled true); Graph cannot create mail_enabled_security or distribution groups. mailNickname is the local part of emails[0] (microsoft_365 only), else derived from name (ASCII letters, digits, . _ - ; at most 64). remote_data sets raw Graph properties (e.g. visibility). Permission: Group.ReadWrite.All.',
    },
    update: {
      parameters: {},
      fields: groupFields,
      requestCount: '2: PATCH /groups/{id} (204), then the get.',
      notes:
        'name, description and remote_data; group_type and emails cannot change. Permission: Group.ReadWrite.All.',
    },
    delete: {
      parameters: {},
      fields: {},
      requestCount: '1 (DELETE /groups/{id}); a retried DELETE that meets 404 reports already_done.',
      notes:
        'Action delete_group. A Microsoft 365 group stays restorable for 30 days in deleted items; a security group is deleted for good. Permission: Group.ReadWrite.All.',
    },
    addUser: {
      parameters: {},
      fields: {},
      requestCount: "1 (POST /groups/{group_id}/members/$ref with the user's directoryObjects URL, 204).",
      notes:
        'Graph answers 400 "One or more added object references already exist" when the user is already a member (a retry after a lost answer): that is outcome already_done. Permission: GroupMember.ReadWrite.All.',
    },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount: '1 (DELETE /groups/{group_id}/members/{user_id}/$ref, 204).',
      notes:
        'Graph says "not a member" two ways: 404 naming the user (never a member, or no such user) and, right after the membership was removed (a retry after a lost answer), 400 "One or more removed object references do not exist"; both are outcome already_done. A 404 naming the group is not_found. Permission: GroupMember.ReadWrite.All.',
    },
  },
  roles: {
    list: {
      parameters: {
        user_id: {
          notes:
            'Roles assigned to the user directly (GET /roleManagement/directory/roleAssignments?$filter=principalId eq ... &$expand=roleDefinition); roles held through a group are not included.',
        },
      },
      fields: roleFields,
      requestCount:
        '1 per page (GET /roleManagement/directory/roleDefinitions); Graph sizes the pages, limit is not sent.',
      notes:
        'Role definitions, not /directoryRoles: directoryRoles lists only roles activated in the tenant, under tenant-specific ids and without custom roles, while role definitions list every built-in and custom role under the ids role assignments refer to. Permission: RoleManagement.Read.Directory (or Directory.Read.All).',
    },
    get: {
      parameters: {},
      fields: roleFields,
      requestCount: '1 (GET /roleManagement/directory/roleDefinitions/{id}).',
    },
  },
  role_assignments: {
    list: {
      parameters: {
        user_id: { notes: "$filter principalId eq the user's id (direct assignments)." },
        role_id: { notes: '$filter roleDefinitionId eq the role id; combinable with user_id.' },
      },
      fields: {
        id: { notes: 'The unifiedRoleAssignment id.' },
        role_id: { notes: 'roleDefinitionId' },
        user_id: { notes: 'principalId when the principal is a user.' },
        group_id: { notes: 'principalId when the principal is a role-assignable group.' },
        scope: { notes: "directoryScopeId ('/' = the whole tenant, else an administrative unit or object)." },
        remote_data: {
          notes: 'The assignment with its principal expanded (service principals hold roles too).',
        },
      },
      requestCount:
        '1 per page (GET /roleManagement/directory/roleAssignments?$expand=principal); Graph sizes the pages, limit is not sent.',
      notes: 'Permission: RoleManagement.Read.Directory (or Directory.Read.All).',
    },
  },
  licenses: {
    list: {
      parameters: {
        user_id: {
          notes:
            "The SKUs the user's assignedLicenses name: 2 requests (the user's assignedLicenses, then /subscribedSkus); 1 when the user holds none.",
        },
      },
      fields: licenseFields,
      requestCount: '1 (GET /subscribedSkus; Graph answers every SKU at once, so limit does not apply).',
      notes: 'Permission: Organization.Read.All (or Directory.Read.All).',
    },
    get: {
      parameters: {},
      fields: licenseFields,
      requestCount: '1 (GET /subscribedSkus, then the SKU with that skuId).',
    },
  },
  organizations: {
    list: {
      parameters: {},
      fields: organizationFields,
      requestCount: '1 (GET /organization: the tenant, one record; limit does not apply).',
      notes: 'Permission: Organization.Read.All (or Directory.Read.All).',
    },
    get: {
      parameters: {},
      fields: organizationFields,
      requestCount: '1 (GET /organization/{id}).',
    },
  },
  me: {
    list: {
      parameters: {},
      fields: {
        id: {
          notes:
            "The application's service principal id, or the signed-in user's id (delegated credentials).",
        },
        name: { notes: 'displayName' },
        username: { notes: 'The application (client) id, or the userPrincipalName.' },
        emails: { notes: "Delegated credentials only: the signed-in user's mail." },
        identity_type: { notes: 'application, or user for delegated credentials.' },
        organization_id: { notes: 'The tenant id (from /organization).' },
        organization_name: { notes: "The tenant's displayName." },
        remote_data: { notes: 'The service principal or user as read.' },
      },
      requestCount:
        "2: GET /organization, then GET /servicePrincipals(appId='{client_id}') (app credentials) or GET /me (delegated).",
      notes:
        'Permission: Application.Read.All for the service principal (or Directory.Read.All); User.Read for /me.',
    },
  },
  activities: {
    list: {
      parameters: {
        created_at: {
          notes:
            'gte and lte only ($filter activityDateTime ge/le, what Graph supports); gt and lt are refused.',
        },
        user_id: {
          notes:
            "Events the user performed ($filter initiatedBy/user/id eq ...). Events done to the user are not matched by it: list without user_id and created_at and pass remote_query[$filter]=targetResources/any(t:t/id eq '{id}') for those.",
        },
      },
      fields: {
        id: {},
        actor: {
          notes:
            'initiatedBy.user (type user, email = userPrincipalName) or initiatedBy.app (type application, id = servicePrincipalId).',
        },
        'actor.id': {},
        'actor.name': {},
        'actor.email': {},
        'actor.type': {},
        action: { notes: 'activityDisplayName, e.g. "Add member to group".' },
        entity: { notes: 'The first of targetResources; type lower-cased (user, group, ...).' },
        'entity.id': {},
        'entity.name': {},
        'entity.email': {},
        'entity.type': {},
        entity_type: { notes: 'targetResources[0].type as Graph names it (User, Group...).' },
        group_id: { notes: 'The first target of type Group, if any.' },
        description: { notes: 'resultReason, when Graph gives one.' },
        result: { notes: 'success, failure or timeout, as Graph reports it.' },
        created_at: { notes: 'activityDateTime' },
        remote_data: { notes: 'The directoryAudit.' },
      },
      requestCount: '1 per page of up to 999 events (limit, default 100), newest first.',
      notes:
        'GET /auditLogs/directoryAudits needs AuditLog.Read.All and a tenant with Microsoft Entra ID P1 or P2: without the licence Graph answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant, reported as provider_licence_required.',
    },
  },
};

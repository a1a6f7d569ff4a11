import type { CapabilityManifest, FieldCapability } from '@unidir/core';

const userFields: Record<string, FieldCapability> = {
  id: { notes: 'The immutable numeric user id.' },
  first_name: { notes: 'name.givenName' },
  last_name: { notes: 'name.familyName' },
  name: { notes: 'name.displayName, else name.fullName' },
  title: { notes: 'The title of the primary organization (else the first).' },
  username: { notes: 'primaryEmail: Google has no separate username.' },
  emails: { notes: 'primaryEmail (primary), then emails[].address, then aliases[] (type alias).' },
  phones: { notes: 'phones[].value with type (customType for custom).' },
  status: {
    notes:
      'deleted when deletionTime is present (deleted users are listed only on request), inactive when suspended or archived, else active. Google has no invited state.',
  },
  is_2fa_enabled: { notes: 'isEnrolledIn2Sv' },
  user_type: { notes: 'admin when isAdmin or isDelegatedAdmin, else end_user.' },
  roles: {
    notes:
      'super_admin (isAdmin) and delegated_admin (isDelegatedAdmin): symbolic ids, not the roleIds of the roles resource, which would cost a role-assignments call per user (role_assignments?user_id= gives them).',
  },
  organizations: { notes: 'The Workspace customer (customerId); no extra request.' },
  licenses: {
    notes:
      'Only with settings.user_licenses=true: the SKUs (id skuId, name skuName) from the license assignments of settings.license_product_ids, read once per account and cached for 5 minutes (1 request per 1,000 assignments per product, never one per user; needs the apps.licensing scope). Absent otherwise.',
  },
  urls: { notes: 'websites[]' },
  avatar: { notes: 'thumbnailPhotoUrl' },
  languages: { notes: 'languages[].languageCode' },
  last_login_at: { notes: 'lastLoginTime; absent when Google reports the 1970 epoch (never signed in).' },
  created_at: { notes: 'creationTime' },
  remote_data: { notes: 'The Directory API user as returned.' },
};

const userFieldsWithGroups: Record<string, FieldCapability> = {
  ...userFields,
  groups: { notes: 'From groups.list?userKey= (one more request per 200 groups).' },
};

const groupFields: Record<string, FieldCapability> = {
  id: {},
  name: {},
  description: {},
  group_type: { notes: 'Always group.' },
  emails: { notes: 'email (primary) and aliases.' },
  member_count: { notes: 'directMembersCount' },
  remote_data: {},
};

const groupWriteParameters = {
  name: {},
  description: {},
  emails: { notes: 'Exactly one: the group address (email). Aliases are a separate API and are refused.' },
  group_type: { values: ['group'], notes: 'Every Google group is a group.' },
  remote_data: { notes: 'Merged into the groups.insert/patch body; unified fields win.' },
} as const;

const membershipNotes = {
  group_id: { notes: 'The group id or email.' },
  user_id: { notes: 'The user id or email (sent as the member id or email).' },
} as const;

const roleFields: Record<string, FieldCapability> = {
  id: { notes: 'roleId (int64 as a string).' },
  name: { notes: 'roleName (_SEED_ADMIN_ROLE is Super Admin).' },
  description: { notes: 'roleDescription' },
  remote_data: { notes: 'The Directory API Role, rolePrivileges included.' },
};

const licenseFields: Record<string, FieldCapability> = {
  id: { notes: 'The SKU id (1010020028 is Business Standard).' },
  name: { notes: 'skuName' },
  used_seats: { notes: 'The number of license assignments of the SKU in the covered products.' },
  organization_id: { notes: 'The customer id.' },
  remote_data: { notes: 'productId, productName, skuId, skuName.' },
};
const licenseRequests =
  '1 listForProduct per 1,000 assignments of each product in settings.license_product_ids (default Google-Apps), cached for the account for 5 minutes; +1 users.list once per account to learn the customer id unless settings.customer holds it';
const licenseNotes =
  'The Enterprise License Manager API lists assignments only: total_seats (seats bought) is not in it and is never returned. Needs the apps.licensing scope; without it the call fails with 403 provider_scope_missing, naming the scope.';

const organizationFields: Record<string, FieldCapability> = {
  id: { notes: 'The customer id (C0...).' },
  name: { notes: 'postalAddress.organizationName, else customerDomain.' },
  created_at: { notes: 'customerCreationTime' },
  remote_data: { notes: 'The Directory API Customer.' },
};
const customerScopeNotes =
  'Needs the admin.directory.customer.readonly scope (403 provider_scope_missing without it).';

export const googleWorkspaceManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: {
        email: { notes: "Sent as query=email:'<value>' (primary or alias address, exact)." },
        status: {
          values: ['active', 'inactive', 'deleted'],
          notes:
            'active and inactive become query isSuspended=false/true; deleted lists deleted users (showDeleted=true).',
        },
        include_deleted: {
          notes:
            'Google lists deleted users (restorable for 20 days) only with showDeleted=true, separately: the list pages through active users, then through deleted ones.',
        },
        group_id: {
          notes:
            'Lists the members of the group (members.list, up to 200 a page), then reads each user member (users.get, 8 at a time): 1 + one request per user on the page. Not combinable with email, status or include_deleted.',
        },
      },
      fields: userFields,
      requestCount:
        '1 per page of up to 500 users (limit, default 100); +1 when include_deleted moves on to deleted users; with group_id 1 + one per user member on the page. groups are not returned on lists (that would be one request per user).',
    },
    get: {
      parameters: {},
      fields: userFieldsWithGroups,
      requestCount:
        '2: users.get (id or primary/alias email) and groups.list?userKey= (one more per 200 groups).',
      notes: 'The id may be the numeric id, the primary email or an alias email.',
    },
    create: {
      parameters: {
        password: {
          required: true,
          notes: 'Google requires an initial password; unidir never generates one.',
        },
        first_name: { required: true },
        last_name: { required: true },
        emails: {
          notes:
            'The primary email becomes primaryEmail, in one of the domains of the customer; other emails become emails[].',
        },
        username: { notes: 'The primary email, when emails has none; one of the two is required.' },
        status: { values: ['active', 'inactive'], notes: 'inactive creates the user suspended.' },
      },
      fields: userFields,
      requestCount: '1 (users.insert).',
      notes: 'remote_data is merged into the users.insert body (e.g. orgUnitPath); unified fields win.',
    },
    update: {
      parameters: { status: { values: ['active', 'inactive'], notes: 'Sets suspended.' } },
      fields: userFields,
      requestCount: '1 (users.patch, which answers with the whole user).',
      notes:
        'status active/inactive sets suspended. Google replaces arrays as a whole: emails, phones, urls and languages replace the existing lists, and title replaces organizations with one primary entry.',
    },
    delete: {
      parameters: {
        permanent: {
          values: ['false'],
          notes:
            'permanent=true is refused before any call: Google keeps deleted users restorable for 20 days and has no API to purge them. permanent=false is the default delete.',
        },
        remove_from: {
          values: ['group'],
          notes:
            'group: members.delete only; the user stays. organization is refused (Workspace has no such operation).',
        },
        remove_from_id: { notes: 'The group id or email; required with remove_from=group.' },
        group_id: { notes: 'Same as remove_from=group with remove_from_id: members.delete only.' },
        user_type: {
          values: ['admin', 'end_user'],
          notes:
            'A safety check: the user is read first (one more request) and the delete is refused with user_type_mismatch unless the user is of this type.',
        },
        product: { values: ['workspace'], notes: 'Google Workspace is the only product here.' },
      },
      fields: userFields,
      requestCount:
        '1 (users.delete, soft: restorable for 20 days), or 1 (members.delete); +1 (users.get) with user_type. A retried delete that finds the user gone reports already_done.',
    },
  },
  groups: {
    list: {
      parameters: { user_id: { notes: 'groups.list?userKey=: the groups the user is a direct member of.' } },
      fields: groupFields,
      requestCount: '1 per page of up to 200 groups.',
    },
    get: {
      parameters: {},
      fields: groupFields,
      requestCount: '1 (groups.get by id or email).',
    },
    create: {
      parameters: { ...groupWriteParameters, emails: { ...groupWriteParameters.emails, required: true } },
      fields: groupFields,
      requestCount: '1 (groups.insert).',
      notes: 'Needs the admin.directory.group scope (403 provider_scope_missing without it).',
    },
    update: {
      parameters: groupWriteParameters,
      fields: groupFields,
      requestCount: '1 (groups.patch).',
      notes: 'Needs the admin.directory.group scope.',
    },
    delete: {
      parameters: {},
      fields: {},
      requestCount:
        '1 (groups.delete; action delete_group). A retried delete that finds the group gone reports already_done.',
      notes: 'Needs the admin.directory.group scope. The group and its memberships are gone; users stay.',
    },
    addUser: {
      parameters: membershipNotes,
      fields: {},
      requestCount:
        '1 (members.insert with role MEMBER), never repeated automatically. Google answers 409 "Member already exists" when the user already is a member (a retry after a lost answer): already_done.',
    },
    removeUser: {
      parameters: membershipNotes,
      fields: {},
      requestCount:
        '1 (members.delete); the DELETE is repeated after a lost answer, and a 404 naming the member (memberKey) is already_done. A 404 naming the group stays not_found.',
    },
  },
  roles: {
    list: {
      parameters: {},
      fields: roleFields,
      requestCount: '1 per page of up to 100 roles (roles.list).',
      notes:
        'Needs the admin.directory.rolemanagement.readonly scope (403 provider_scope_missing without it).',
    },
    get: { parameters: {}, fields: roleFields, requestCount: '1 (roles.get).' },
  },
  role_assignments: {
    list: {
      parameters: {
        user_id: { notes: 'roleAssignments.list userKey: a user id or email (or a group id or email).' },
        role_id: { notes: 'roleAssignments.list roleId.' },
      },
      fields: {
        id: { notes: 'roleAssignmentId' },
        role_id: { notes: 'roleId' },
        user_id: { notes: 'assignedTo, when assigneeType is user.' },
        group_id: { notes: 'assignedTo, when assigneeType is group.' },
        scope: { notes: 'scopeType: CUSTOMER, or ORG_UNIT:<orgUnitId>.' },
        remote_data: {},
      },
      requestCount: '1 per page of up to 200 assignments (roleAssignments.list).',
      notes: 'Direct assignments only. Needs the admin.directory.rolemanagement.readonly scope.',
    },
  },
  licenses: {
    list: {
      parameters: {
        user_id: {
          notes:
            'Only the SKUs the user holds, matched on the primary email: +1 users.get when user_id is not an email.',
        },
      },
      fields: licenseFields,
      requestCount: `${licenseRequests}. One page holds every SKU.`,
      notes: licenseNotes,
    },
    get: {
      parameters: {},
      fields: licenseFields,
      requestCount: licenseRequests,
      notes: `The id is a SKU id held by at least one user. ${licenseNotes}`,
    },
  },
  organizations: {
    list: {
      parameters: {},
      fields: organizationFields,
      requestCount: "1 (customers.get of the account's customer): a list of one.",
      notes: customerScopeNotes,
    },
    get: {
      parameters: {},
      fields: organizationFields,
      requestCount: '1 (customers.get).',
      notes: customerScopeNotes,
    },
  },
  me: {
    list: {
      parameters: {},
      fields: {
        id: {
          notes:
            "The impersonated administrator's user id; the customer id for an account connected by OAuth.",
        },
        name: { notes: 'name.fullName; the organization name for OAuth accounts.' },
        username: { notes: 'primaryEmail' },
        emails: { notes: 'primaryEmail' },
        identity_type: { notes: "user (the service account's subject), or organization for OAuth accounts." },
        organization_id: { notes: 'The customer id.' },
        organization_name: { notes: 'postalAddress.organizationName, else customerDomain.' },
        remote_data: { notes: '{user, customer}' },
      },
      requestCount: '2 (customers.get and users.get of the subject); 1 for OAuth accounts.',
      notes: `A service account acts as its subject, the administrator it impersonates. ${customerScopeNotes}`,
    },
  },
  activities: {
    list: {
      parameters: {
        user_id: {
          notes: 'Reports userKey: only events this user (id or email) performed, not events done to them.',
        },
        created_at: {
          notes:
            'gte/gt become startTime, lte/lt endTime (inclusive; a strict bound moves by 1 ms). Google keeps about 6 months of admin events.',
        },
      },
      fields: {
        id: { notes: '<id.time>:<id.uniqueQualifier>' },
        actor: { notes: 'actor.profileId, actor.email, actor.callerType (lower-cased).' },
        action: { notes: "The first event's name (CREATE_USER, ADD_GROUP_MEMBER, ...)." },
        entity: { notes: 'The USER_EMAIL or GROUP_EMAIL parameter of the first event.' },
        entity_type: { notes: 'user or group.' },
        description: { notes: '<event type>: <every event name>' },
        organization_id: { notes: 'id.customerId' },
        created_at: { notes: 'id.time' },
        remote_data: { notes: 'The Reports API Activity.' },
      },
      requestCount: '1 per page of up to 1,000 events (activities.list, applicationName=admin).',
      notes:
        'The admin application of the Reports API: changes made in the Admin console or through the API, newest first. Needs the admin.reports.audit.readonly scope (403 provider_scope_missing without it).',
    },
  },
};

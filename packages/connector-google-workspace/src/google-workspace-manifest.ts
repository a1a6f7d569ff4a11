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
      'super_admin (isAdmin) and delegated_admin (isDelegatedAdmin). Delegated role names would cost a role-assignments call per user.',
  },
  organizations: { notes: 'The Workspace customer (customerId).' },
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
  },
};

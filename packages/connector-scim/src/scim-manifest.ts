import type { CapabilityManifest, FieldCapability, OperationCapability } from '@unidir/core';
import type { ScimQuirks } from './scim-presets.js';

const userFields: Record<string, FieldCapability> = {
  id: { notes: 'The SCIM id.' },
  external_id: { notes: 'externalId' },
  identifiers: {
    notes:
      'user_name (userName); from the enterprise extension: employee_number (employeeNumber), manager_id (manager.value), department.',
  },
  first_name: { notes: 'name.givenName' },
  last_name: { notes: 'name.familyName' },
  name: { notes: 'displayName, else name.formatted, else given and family names.' },
  title: {},
  username: { notes: 'userName' },
  emails: { notes: 'emails[] (value, primary, type).' },
  'emails.email': {},
  'emails.is_primary': {},
  'emails.type': {},
  phones: { notes: 'phoneNumbers[] (value, type).' },
  status: { notes: 'active true: active; false: inactive.' },
  groups: {
    notes: 'The read-only groups attribute (direct and indirect memberships), where the provider returns it.',
  },
  timezone: {},
  languages: { notes: 'preferredLanguage, then locale when it differs.' },
  created_at: { notes: 'meta.created' },
  updated_at: { notes: 'meta.lastModified' },
  remote_data: { notes: 'The SCIM User as the provider returned it, extensions included.' },
};

const groupFields: Record<string, FieldCapability> = {
  id: {},
  name: { notes: 'displayName' },
  group_type: { notes: 'Always group.' },
  member_count: {
    notes: 'The length of members: get only (lists leave members out with excludedAttributes=members).',
  },
  created_at: { notes: 'meta.created' },
  updated_at: { notes: 'meta.lastModified' },
  remote_data: {},
};

const discoveryNote =
  'Every account reads /ServiceProviderConfig once (1 extra request on its first call) and the answer decides PATCH or PUT, whether filters are sent, and the page size cap (filter.maxResults).';

function permanentNotes(quirks: ScimQuirks): string {
  if (quirks.userDeleteMeaning === 'deactivates') {
    return 'true: DELETE /Users/{id}, which this app documents as a deactivation (reported as deactivate); a 404 on a retried DELETE is already_done.';
  }
  return 'true: DELETE /Users/{id} (the user is removed); a 404 on a retried DELETE is already_done.';
}

function deleteCapability(quirks: ScimQuirks): OperationCapability {
  const emailFilterable = !(quirks.unsupportedFilters ?? []).includes('emails.value');
  const parameters: OperationCapability['parameters'] = {
    remove_from: {
      values: ['group'],
      notes:
        'group: PATCH /Groups/{remove_from_id} with a remove of members[value eq "<id>"]: only this membership goes; never a PUT. organization is refused.',
    },
    remove_from_id: { notes: 'The group id; required with remove_from=group.' },
    group_id: { notes: 'Same as remove_from=group with remove_from_id. Cannot be combined with permanent.' },
    ...(emailFilterable
      ? {
          emails: {
            notes:
              'Names the user by email, with or without an id. Without an id: GET /Users?filter=emails.value eq "<email>" per email; every email must match and all must match the same one user (an email nobody has: 404 not_found; several users: 409 ambiguous_email with details.candidate_ids), else nothing is changed. With an id: the user is read and every email must be one of its emails (409 email_mismatch otherwise, nothing changed). The response then includes the user as it was.',
          },
        }
      : {}),
    ...(quirks.userDeleteMeaning === 'unsupported' ? {} : { permanent: { notes: permanentNotes(quirks) } }),
  };
  return {
    parameters,
    fields: userFields,
    requestCount:
      'deactivate: 1 PATCH, or a GET and a PUT where PATCH is not supported; permanent: 1 DELETE; group removal: 1 PATCH; emails[] adds 1 GET per email (and per extra page of matches).',
    notes: `Default: deactivate (active=false), the SCIM way to deprovision; the user stays. organization_id, workspace_id, product and user_type are refused. ${discoveryNote}`,
  };
}

/** The manifest of the generic connector, or of one preset with its quirks. */
export function scimManifest(quirks: ScimQuirks = {}): CapabilityManifest {
  const unsupportedFilters = quirks.unsupportedFilters ?? [];
  const listParameters: OperationCapability['parameters'] = {
    ...(unsupportedFilters.includes('emails.value')
      ? {}
      : {
          email: {
            notes: 'filter=emails.value eq "<email>" (refused when the provider advertises no filtering).',
          },
        }),
    ...(unsupportedFilters.includes('active')
      ? {}
      : { status: { values: ['active', 'inactive'], notes: 'filter=active eq true|false.' } }),
  };
  const pageCap = quirks.pageSizeCap === undefined ? '' : ` (this app serves at most ${quirks.pageSizeCap})`;
  const manifest = {
    users: {
      list: {
        parameters: listParameters,
        fields: userFields,
        requestCount: `1 per page: startIndex/count, count = limit (default 100) capped by filter.maxResults${pageCap}.`,
        notes: `remote_query passes SCIM query parameters (filter for userName or externalId, attributes, sortBy when supported) except startIndex and count; a remote filter cannot be combined with email or status. ${discoveryNote}`,
      },
      get: { parameters: {}, fields: userFields, requestCount: '1' },
      create: {
        parameters: {},
        fields: userFields,
        requestCount: '1 (POST /Users).',
        notes:
          'userName is the username, else the primary email. identifiers.employee_number, manager_id and department go to the enterprise extension; remote_data is merged into the SCIM body as-is.',
      },
      update: {
        parameters: {},
        fields: userFields,
        requestCount:
          '1 PATCH (replace of exactly the given attributes), or a GET and a PUT of the whole user where PATCH is not supported.',
      },
      delete: deleteCapability(quirks),
    },
  } satisfies CapabilityManifest;
  if (quirks.noGroups) return manifest;
  const groups: NonNullable<CapabilityManifest['groups']> = {
    list: {
      parameters: { user_id: { notes: 'filter=members.value eq "<user_id>".' } },
      fields: groupFields,
      requestCount: '1 per page (startIndex/count, excludedAttributes=members).',
    },
    get: { parameters: {}, fields: groupFields, requestCount: '1' },
    update: {
      parameters: {},
      fields: groupFields,
      requestCount:
        '1 PATCH replace of displayName (refused where PATCH is not supported: a PUT could drop members).',
    },
    addUser: {
      parameters: {},
      fields: {},
      requestCount: '1 PATCH add of members; a 409 (already a member) is already_done.',
    },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount:
        '1 PATCH remove of members[value eq "<user_id>"]; 400 noTarget, or 404 while the group exists, is already_done.',
    },
  };
  const groupWrites: NonNullable<CapabilityManifest['groups']> = quirks.groupsReadOnly
    ? {}
    : {
        create: { parameters: {}, fields: groupFields, requestCount: '1 (POST /Groups).' },
        delete: {
          parameters: {},
          fields: {},
          requestCount: '1 DELETE /Groups/{id}; a 404 on a retry is already_done.',
        },
      };
  return { ...manifest, groups: { ...groups, ...groupWrites } };
}

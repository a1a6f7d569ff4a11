/** RFC 7643 schema URNs and the resource shapes this connector reads and writes. */
export const scimSchemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export interface ScimMultiValue {
  value?: string;
  display?: string;
  type?: string;
  primary?: boolean;
  $ref?: string;
}

export interface ScimMeta {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

export interface ScimEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; displayName?: string; $ref?: string };
}

export interface ScimUser {
  schemas?: string[];
  id: string;
  externalId?: string;
  userName?: string;
  name?: {
    formatted?: string;
    familyName?: string;
    givenName?: string;
    middleName?: string;
    honorificPrefix?: string;
    honorificSuffix?: string;
  };
  displayName?: string;
  nickName?: string;
  profileUrl?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active?: boolean;
  password?: string;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  photos?: ScimMultiValue[];
  groups?: ScimMultiValue[];
  roles?: ScimMultiValue[];
  meta?: ScimMeta;
  [scimSchemas.enterpriseUser]?: ScimEnterpriseUser;
  [attribute: string]: unknown;
}

export interface ScimGroup {
  schemas?: string[];
  id: string;
  externalId?: string;
  displayName?: string;
  members?: ScimMultiValue[];
  meta?: ScimMeta;
  [attribute: string]: unknown;
}

export interface ScimListResponse<Resource> {
  schemas?: string[];
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: Resource[];
}

export interface ScimPatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

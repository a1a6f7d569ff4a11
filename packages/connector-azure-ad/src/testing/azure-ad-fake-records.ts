import type { SeededDirectory, SeedGroup, SeedUser } from '@unidir/testkit';
import { graphTimestamp } from './azure-ad-fake-responses.js';
import {
  graphGroupCollectionProperties,
  graphGroupScalarProperties,
  graphUserCollectionProperties,
  graphUserScalarProperties,
} from './azure-ad-graph-properties.js';

/** Graph properties the fake holds for a user beyond the seed: set by create/PATCH, or `deletedDateTime`. */
export type GraphUserOverrides = Record<string, unknown>;

export type GraphFakeDirectory = SeededDirectory<GraphUserOverrides>;

/** What `GET /users` returns without `$select`. Source: providers.md §1 and the Graph user resource docs. */
export const defaultUserProjection = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** What `GET /groups` returns without `$select` (the Graph group resource docs), limited to the spec's properties. */
export const defaultGroupProjection = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
  'onPremisesProvisioningErrors',
  'serviceProvisioningErrors',
].filter(
  (name) => graphGroupScalarProperties.includes(name) || graphGroupCollectionProperties.includes(name),
);

const userCollections = new Set(graphUserCollectionProperties);
const groupCollections = new Set(graphGroupCollectionProperties);
const userPropertiesByLowerName = new Map(
  [...graphUserScalarProperties, ...graphUserCollectionProperties].map((name) => [name.toLowerCase(), name]),
);
const groupPropertiesByLowerName = new Map(
  [...graphGroupScalarProperties, ...graphGroupCollectionProperties].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/** The canonical property name (Graph matches `$select` names case-insensitively), or undefined. */
export function canonicalProperty(kind: 'user' | 'group', name: string): string | undefined {
  return (kind === 'user' ? userPropertiesByLowerName : groupPropertiesByLowerName).get(name.toLowerCase());
}

/** Office 365 E3 (ENTERPRISEPACK): seeded users hold it except every third one. */
export const seededLicenseSkuId = '6fd2c87f-b296-42f0-b197-1e91e994b900';

/** The one activated directory role of the fake tenant; seeded admins are its members. */
export const globalAdministratorRole = {
  '@odata.type': '#microsoft.graph.directoryRole',
  id: '7e5f4a4c-5d3b-4b53-9d0b-0a6d8a6f1c01',
  displayName: 'Global Administrator',
  description:
    'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
  roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
} as const;

/** The whole Graph record of a user: the seed's data in Graph's shape, then what create/PATCH stored. */
export function graphUserRecord(directory: GraphFakeDirectory, user: SeedUser): Record<string, unknown> {
  const overrides = directory.extras.get(user.id);
  const record: Record<string, unknown> = {
    id: user.id,
    deletedDateTime: null,
    accountEnabled: !user.suspended,
    businessPhones: [user.phone],
    city: user.city,
    country: user.country,
    usageLocation: user.country,
    createdDateTime: graphTimestamp(user.createdAt),
    creationType: null,
    department: user.department,
    displayName: user.displayName,
    employeeId: `E${String(user.index).padStart(6, '0')}`,
    givenName: user.givenName,
    surname: user.familyName,
    jobTitle: user.jobTitle,
    mail: user.email,
    mailNickname: user.username,
    mobilePhone: user.mobilePhone,
    officeLocation: null,
    otherMails: [],
    proxyAddresses: [`SMTP:${user.email}`],
    preferredLanguage: user.language,
    userPrincipalName: user.email,
    userType: 'Member',
    externalUserState: null,
    assignedLicenses: user.index % 3 === 0 ? [] : [{ disabledPlans: [], skuId: seededLicenseSkuId }],
    signInActivity: user.lastLoginAt
      ? {
          lastSignInDateTime: graphTimestamp(user.lastLoginAt),
          lastSignInRequestId: user.id,
          lastNonInteractiveSignInDateTime: null,
          lastNonInteractiveSignInRequestId: null,
          lastSuccessfulSignInDateTime: graphTimestamp(user.lastLoginAt),
          lastSuccessfulSignInRequestId: user.id,
        }
      : null,
  };
  return overrides ? Object.assign(record, overrides) : record;
}

export function graphGroupRecord(group: SeedGroup): Record<string, unknown> {
  const mailNickname = group.email.split('@')[0] ?? group.email;
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: graphTimestamp(group.createdAt),
    description: group.description,
    displayName: group.name,
    expirationDateTime: null,
    groupTypes: group.index % 2 === 0 ? ['Unified'] : [],
    isAssignableToRole: null,
    mail: group.index % 2 === 0 ? group.email : null,
    mailEnabled: group.index % 2 === 0,
    mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: group.index % 2 === 0 ? [`SMTP:${group.email}`] : [],
    renewedDateTime: graphTimestamp(group.createdAt),
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: group.index % 2 === 1,
    securityIdentifier: null,
    theme: null,
    visibility: group.index % 2 === 0 ? 'Public' : null,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
}

/** Keeps the selected properties in order; a selected property the fake holds no value for is null or []. */
export function project(
  kind: 'user' | 'group',
  record: Record<string, unknown>,
  select: readonly string[],
): Record<string, unknown> {
  const collections = kind === 'user' ? userCollections : groupCollections;
  const projected: Record<string, unknown> = {};
  for (const name of select) {
    const value = record[name];
    projected[name] = value !== undefined ? value : collections.has(name) ? [] : null;
  }
  if (!('id' in projected)) projected.id = record.id;
  return projected;
}

/** The groups and roles a user is a direct member of, as `memberOf` lists them. */
export function memberOfRecords(
  directory: GraphFakeDirectory,
  user: SeedUser,
): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  for (const groupId of directory.groupIdsOfUser(user.id)) {
    const group = directory.groupById(groupId);
    if (group) items.push({ '@odata.type': '#microsoft.graph.group', ...graphGroupRecord(group) });
  }
  if (user.isAdmin) items.push({ ...globalAdministratorRole });
  return items;
}

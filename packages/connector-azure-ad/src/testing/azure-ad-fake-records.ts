import type { SeededDirectory, SeedGroup, SeedUser } from '@unidir/testkit';
import type { GraphGroupStore } from './azure-ad-fake-group-store.js';
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

/** The items of `memberOf`: groups and directory roles, whose one property groups lack is roleTemplateId. */
const memberOfPropertiesByLowerName = new Map([
  ...groupPropertiesByLowerName,
  ['roletemplateid', 'roleTemplateId'],
]);

/** What a query reads: users, groups, or the groups and roles of a `memberOf`. */
export type GraphObjectKind = 'user' | 'group' | 'directoryObject';

const propertiesByKind = {
  user: userPropertiesByLowerName,
  group: groupPropertiesByLowerName,
  directoryObject: memberOfPropertiesByLowerName,
};

/** The canonical property name (Graph matches `$select` names case-insensitively), or undefined. */
export function canonicalProperty(kind: GraphObjectKind, name: string): string | undefined {
  return propertiesByKind[kind].get(name.toLowerCase());
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
  const { names, collection, withId, shape } = projectionPlan(kind, select);
  // Copying a template that already has every key in order, then overwriting values, is much cheaper than
  // adding keys one by one by name.
  const projected: Record<string, unknown> = { ...shape };
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    const value = record[name];
    projected[name] = value !== undefined ? value : collection[index] ? [] : null;
  }
  if (withId) projected.id = record.id;
  return projected;
}

interface ProjectionPlan {
  names: readonly string[];
  /** Per name: whether a missing value is `[]` rather than null. */
  collection: readonly boolean[];
  /** Whether `id` is added after the selection. */
  withId: boolean;
  /** The projection's keys in order, every value null. */
  shape: Readonly<Record<string, null>>;
}

/** One plan per selection: a page projects every record through the same one. */
const projectionPlans = {
  user: new WeakMap<readonly string[], ProjectionPlan>(),
  group: new WeakMap<readonly string[], ProjectionPlan>(),
};

function projectionPlan(kind: 'user' | 'group', select: readonly string[]): ProjectionPlan {
  let plan = projectionPlans[kind].get(select);
  if (!plan) {
    const collections = kind === 'user' ? userCollections : groupCollections;
    const withId = !select.includes('id');
    plan = {
      names: select,
      collection: select.map((name) => collections.has(name)),
      withId,
      shape: Object.fromEntries([...select, ...(withId ? ['id'] : [])].map((name) => [name, null])),
    };
    projectionPlans[kind].set(select, plan);
  }
  return plan;
}

type DirectoryObject = Record<string, unknown>;

/** `memberOf` items projected for `$expand`, by selection, then group id; dropped whenever a group changes. */
const expandedGroupCache = new WeakMap<
  GraphGroupStore,
  { revision: number; selections: Map<string, Map<string, DirectoryObject>> }
>();
/** Far above any seeded group count a test uses; past it the cache starts over rather than grow. */
const expandedGroupCacheLimit = 200_000;

/** Only the selected properties the item's type has: Graph leaves out a group's roleTemplateId and a role's mail. */
function projectMemberOfItem(item: DirectoryObject, select: readonly string[]): DirectoryObject {
  const projected: DirectoryObject = { '@odata.type': item['@odata.type'] };
  for (const name of select) if (name in item) projected[name] = item[name] ?? null;
  return projected;
}

function groupMemberOfItem(record: DirectoryObject): DirectoryObject {
  return { '@odata.type': '#microsoft.graph.group', ...record };
}

function selectionCache(groups: GraphGroupStore, selection: string): Map<string, DirectoryObject> {
  let entry = expandedGroupCache.get(groups);
  if (!entry || entry.revision !== groups.revision) {
    entry = { revision: groups.revision, selections: new Map() };
    expandedGroupCache.set(groups, entry);
  }
  let cache = entry.selections.get(selection);
  if (!cache) {
    cache = new Map();
    entry.selections.set(selection, cache);
  }
  return cache;
}

/**
 * A user's `memberOf` as `$expand` returns it: the first `limit` groups and roles, each projected to `select`.
 * Listing a million users expands a million memberships, so each group's projection is built once.
 */
export function expandedMemberOf(
  groups: GraphGroupStore,
  user: SeedUser,
  select: readonly string[],
  limit: number,
): DirectoryObject[] {
  const cache = selectionCache(groups, select.join(','));
  const items: DirectoryObject[] = [];
  for (const groupId of groups.groupIdsOf(user)) {
    if (items.length === limit) return items;
    let projected = cache.get(groupId);
    if (!projected) {
      const record = groups.record(groupId);
      if (!record) continue;
      projected = projectMemberOfItem(groupMemberOfItem(record), select);
      if (cache.size >= expandedGroupCacheLimit) cache.clear();
      cache.set(groupId, projected);
    }
    items.push(projected);
  }
  if (user.isAdmin && items.length < limit) items.push(projectMemberOfItem(globalAdministratorRole, select));
  return items;
}

/** The groups and roles a user is a direct member of, as `memberOf` lists them. */
export function memberOfRecords(groups: GraphGroupStore, user: SeedUser): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  for (const groupId of groups.groupIdsOf(user)) {
    const record = groups.record(groupId);
    if (record) items.push(groupMemberOfItem(record));
  }
  if (user.isAdmin) items.push({ ...globalAdministratorRole });
  return items;
}

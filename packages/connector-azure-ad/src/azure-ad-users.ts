import {
  decodeCursor,
  encodeCursor,
  mergeRemoteQuery,
  type ProviderRequest,
  pageSizeFor,
} from '@unidir/connector-utils';
import {
  type CreateUserParameters,
  type GetUserParameters,
  type ListResult,
  type ListUsersParameters,
  type OperationContext,
  type RecordResult,
  type RemoteQuery,
  type UnifiedUser,
  UnsupportedParameterError,
  type UpdateUserParameters,
} from '@unidir/core';
import { z } from 'zod';
import type { AzureAdClient } from './azure-ad-client.js';
import { odataString } from './azure-ad-collection.js';
import { asEntity, asPage } from './azure-ad-graph-response.js';
import { cachedLicenseNames } from './azure-ad-licenses.js';
import {
  type GraphDirectoryObjectReference,
  type GraphUser,
  graphMemberOfExpand,
  graphMemberOfSelect,
  graphSignInActivityProperty,
  graphUserSelect,
  mapGraphUser,
  type UserTenantContext,
} from './azure-ad-mapping.js';
import { azureAdConnectorId } from './azure-ad-settings.js';
import { toGraphUserBody } from './azure-ad-user-write.js';

type Context = OperationContext<AzureAdClient>;

/** Graph's page size bounds for /users and memberOf (providers.md §1 "Pagination"). */
const graphPageSizes = { default: 100, maximum: 999 };
/** Graph returns at most 20 items of an expanded directory-object relationship, with no next link. */
const expandedMemberOfLimit = 20;

/** OData options this connector owns on every list: a caller's remote_query cannot replace them. */
const reservedListQuery = ['$select', '$expand', '$top', '$skiptoken', '$skip', '$format'];
/** `$search` and `$count` only work as advanced queries, which need this header and cannot `$expand`. */
const advancedQueryOptions = ['$search', '$count'];

const cursorStateSchema = z.object({ next: z.url(), eventual: z.boolean().optional() });

function userSelectFor(client: AzureAdClient): string {
  const select: string[] = [...graphUserSelect];
  if (client.settings.include_sign_in_activity) select.push(graphSignInActivityProperty);
  return select.join(',');
}

function toRecord(user: GraphUser, tenant: UserTenantContext): RecordResult<UnifiedUser> {
  return { unified: mapGraphUser(user, tenant), raw: user };
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What users are enriched with at no per-user cost: the tenant as their organization (when the account
 * names it by id; a verified domain is not the organization's id), and licence names from the SKU
 * names the account client caches, read only when a user on the page holds a licence.
 */
export async function userTenantContext(
  users: readonly GraphUser[],
  context: Context,
): Promise<UserTenantContext> {
  const tenant: UserTenantContext = {};
  const { tenantId } = context.client.identity;
  if (guidPattern.test(tenantId)) tenant.organization = { id: tenantId.toLowerCase() };
  if (users.some((user) => (user.assignedLicenses?.length ?? 0) > 0)) {
    const names = await cachedLicenseNames(context);
    if (names) tenant.licenseNames = names;
  }
  return tenant;
}

function refuseListParameter(parameter: string, reason: string): never {
  throw new UnsupportedParameterError({
    parameter,
    supported: ['email', 'group_id', 'status', 'created_at', 'limit', 'cursor', 'remote_query'],
    reason,
  });
}

/** The `$filter` clauses of the unified filters that Graph supports on /users by default (no advanced query). */
function userFilterClauses(parameters: ListUsersParameters): string[] {
  const clauses: string[] = [];
  if (parameters.email !== undefined) {
    const email = odataString(parameters.email);
    clauses.push(
      `(mail eq ${email} or userPrincipalName eq ${email} or otherMails/any(address:address eq ${email}))`,
    );
  }
  if (parameters.status === 'active' || parameters.status === 'inactive') {
    clauses.push(`accountEnabled eq ${parameters.status === 'active'}`);
  }
  const createdAt = parameters.created_at;
  if (createdAt) {
    if (createdAt.gt !== undefined || createdAt.lt !== undefined) {
      refuseListParameter(
        'created_at',
        'Graph filters createdDateTime with ge/le only: use created_at[gte] or created_at[lte]',
      );
    }
    if (createdAt.gte !== undefined) clauses.push(`createdDateTime ge ${createdAt.gte}`);
    if (createdAt.lte !== undefined) clauses.push(`createdDateTime le ${createdAt.lte}`);
  }
  return clauses;
}

interface FirstPageRequest {
  path: string[];
  query: Record<string, string | string[]>;
  eventual: boolean;
  description: string;
}

function firstPageRequest(
  parameters: ListUsersParameters,
  client: AzureAdClient,
  remoteQuery: RemoteQuery,
): FirstPageRequest {
  for (const unsupported of ['workspace_id', 'organization_id', 'updated_at'] as const) {
    if (parameters[unsupported] !== undefined) {
      refuseListParameter(unsupported, 'Microsoft Graph users have no such filter');
    }
  }
  if (parameters.include_deleted) {
    refuseListParameter('include_deleted', 'Graph lists deleted users apart: use status=deleted');
  }
  if (parameters.status !== undefined && !['active', 'inactive', 'deleted'].includes(parameters.status)) {
    refuseListParameter('status', 'one of active, inactive, deleted');
  }
  const top = pageSizeFor(parameters.limit, graphPageSizes);
  const eventual = advancedQueryOptions.some((option) =>
    Object.keys(remoteQuery).some((name) => name.toLowerCase() === option),
  );
  const query: Record<string, unknown> = { $select: userSelectFor(client), $top: top };
  // Advanced queries (ConsistencyLevel: eventual) cannot $expand: groups and roles are then not returned.
  if (!eventual) query.$expand = graphMemberOfExpand;

  if (parameters.status === 'deleted') {
    if (parameters.email || parameters.group_id || parameters.created_at) {
      refuseListParameter(
        'status',
        'status=deleted lists the deleted-items container and takes no other filter',
      );
    }
    delete query.$expand;
    return {
      path: ['directory', 'deletedItems', 'microsoft.graph.user'],
      query: mergeRemoteQuery(query, remoteQuery, reservedListQuery),
      eventual,
      description: 'list deleted users',
    };
  }
  const clauses = userFilterClauses(parameters);
  if (parameters.group_id !== undefined) {
    if (clauses.length > 0) {
      refuseListParameter(
        'group_id',
        'Graph filters group members only with advanced queries, which cannot expand memberOf; use group_id alone',
      );
    }
    return {
      path: ['groups', parameters.group_id, 'members', 'microsoft.graph.user'],
      query: mergeRemoteQuery(query, remoteQuery, reservedListQuery),
      eventual,
      description: 'list group members',
    };
  }
  if (clauses.length > 0) query.$filter = clauses.join(' and ');
  return {
    path: ['users'],
    query: mergeRemoteQuery(query, remoteQuery, reservedListQuery),
    eventual,
    description: 'list users',
  };
}

export async function listUsers(
  parameters: ListUsersParameters,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  const { http } = context.client;
  let request: ProviderRequest;
  let eventual: boolean;
  if (parameters.cursor) {
    const state = decodeCursor(azureAdConnectorId, parameters.cursor, cursorStateSchema);
    eventual = state.eventual ?? false;
    // connector-utils refuses a link to any other origin than base_url's (DisallowedHostError).
    request = { method: 'GET', url: state.next, description: 'list users (next page)' };
  } else {
    const first = firstPageRequest(parameters, context.client, context.remoteQuery);
    eventual = first.eventual;
    request = { method: 'GET', path: first.path, query: first.query, description: first.description };
  }
  if (eventual) request.headers = { ConsistencyLevel: 'eventual' };
  const response = await http.request(request, context);
  const page = asPage<GraphUser>(response.body, 'a user list');
  const records = new Array<RecordResult<UnifiedUser>>(page.value.length);
  const tenant = await userTenantContext(page.value, context);
  for (let index = 0; index < page.value.length; index++) {
    records[index] = toRecord(page.value[index]!, tenant);
  }
  const next = page['@odata.nextLink'];
  return {
    records,
    nextCursor: next ? encodeCursor(azureAdConnectorId, eventual ? { next, eventual } : { next }) : null,
  };
}

/** A user's memberships beyond the 20 that `$expand` returns: every page of /users/{id}/memberOf. */
async function allMemberships(userId: string, context: Context): Promise<GraphDirectoryObjectReference[]> {
  const memberships: GraphDirectoryObjectReference[] = [];
  let request: ProviderRequest = {
    method: 'GET',
    path: ['users', userId, 'memberOf'],
    query: { $select: graphMemberOfSelect, $top: graphPageSizes.maximum },
    description: 'list user memberships',
  };
  for (;;) {
    const page = asPage<GraphDirectoryObjectReference>(
      (await context.client.http.request(request, context)).body,
      'memberOf',
    );
    memberships.push(...page.value);
    const next = page['@odata.nextLink'];
    if (!next) return memberships;
    request = { method: 'GET', url: next, description: 'list user memberships (next page)' };
  }
}

/** One user with its groups and roles: 1 request, or more when it is in 20+ groups and roles. */
export async function fetchUser(id: string, context: Context, remoteQuery?: RemoteQuery): Promise<GraphUser> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['users', id],
      query: mergeRemoteQuery(
        { $select: userSelectFor(context.client), $expand: graphMemberOfExpand },
        remoteQuery,
        reservedListQuery,
      ),
      description: 'get user',
    },
    context,
  );
  const user = asEntity<GraphUser>(response.body, 'get user');
  if ((user.memberOf?.length ?? 0) >= expandedMemberOfLimit)
    user.memberOf = await allMemberships(user.id, context);
  return user;
}

export async function getUser(
  parameters: GetUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser>> {
  const user = await fetchUser(parameters.id, context, parameters.remote_query);
  return toRecord(user, await userTenantContext([user], context));
}

/** POST /users answers 201 with the default projection only; the fields we sent complete the unified record. */
export async function createUser(
  parameters: CreateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const body = toGraphUserBody(parameters.body, 'create');
  const response = await context.client.http.request(
    { method: 'POST', path: ['users'], body, description: 'create user' },
    context,
  );
  if (response.outcome === 'planned') return null;
  const created = asEntity<GraphUser>(response.body, 'create user');
  const { passwordProfile: _passwordProfile, ...sent } = body;
  const unified = mapGraphUser({ ...sent, ...created } as GraphUser, await userTenantContext([], context));
  unified.remote_data = created;
  return { unified, raw: created };
}

/** PATCH answers 204 without a body: the user is read again (Graph may serve the previous state for a moment). */
export async function updateUser(
  parameters: UpdateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const body = toGraphUserBody(parameters.body, 'update');
  const response = await context.client.http.request(
    { method: 'PATCH', path: ['users', parameters.id], body, description: 'update user' },
    context,
  );
  if (response.outcome === 'planned') return null;
  const user = await fetchUser(parameters.id, context);
  return toRecord(user, await userTenantContext([user], context));
}

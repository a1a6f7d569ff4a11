import { mergeRemoteQuery, type ProviderRequest, pageSizeFor } from '@unidir/connector-utils';
import {
  type CreateUserParameters,
  type GetUserParameters,
  type ListResult,
  type ListUsersParameters,
  type OperationContext,
  ProviderAuthFailedError,
  type RecordResult,
  type TimestampComparison,
  type UnifiedUser,
  type UnifiedUserStatus,
  UnsupportedParameterError,
  type UpdateUserParameters,
  unifiedUserStatuses,
} from '@unidir/core';
import type { OktaClient } from './okta-client.js';
import { nextCursorOf, nextPageRequest } from './okta-cursor.js';
import {
  mapOktaUser,
  type OktaGroup,
  type OktaRoleAssignment,
  type OktaUser,
  type OktaUserStatus,
  type OktaUserWithRelations,
  oktaStatusesOf,
} from './okta-mapping.js';
import { asArray, asObject } from './okta-response.js';
import { toOktaUserBody } from './okta-user-write.js';

type Context = OperationContext<OktaClient>;

/** `/users` serves at most 200 per page (providers.md §3); group members up to 1000, kept at 200 for one rule. */
export const oktaUserPageSizes = { default: 200, maximum: 200 };

/** Query names this connector owns on a users list: a remote_query cannot replace them. */
const reservedListQuery = ['limit', 'after'];

const allStatuses: OktaUserStatus[] = Object.values(oktaStatusesOf).flat();

const listParameterNames = [
  'email',
  'group_id',
  'status',
  'created_at',
  'updated_at',
  'include_deleted',
  'limit',
  'cursor',
  'remote_query',
];

function refuseListParameter(parameter: string, reason: string): never {
  throw new UnsupportedParameterError({ parameter, supported: listParameterNames, reason });
}

/** A string literal in Okta's search language: double quotes, with `\` and `"` escaped. */
function searchString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function statusClause(statuses: readonly OktaUserStatus[]): string {
  const clauses = statuses.map((status) => `status eq "${status}"`);
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' or ')})`;
}

/** A unified status (`active`) or Okta's own (`LOCKED_OUT`). */
function oktaStatusesFor(status: string): OktaUserStatus[] {
  if ((unifiedUserStatuses as readonly string[]).includes(status))
    return oktaStatusesOf[status as UnifiedUserStatus];
  if ((allStatuses as string[]).includes(status.toUpperCase()))
    return [status.toUpperCase() as OktaUserStatus];
  return refuseListParameter('status', `one of ${[...unifiedUserStatuses, ...allStatuses].join(', ')}`);
}

const comparisonOperators: Record<keyof TimestampComparison, string> = {
  gt: 'gt',
  gte: 'ge',
  lt: 'lt',
  lte: 'le',
};

function timestampClauses(attribute: string, comparison: TimestampComparison | undefined): string[] {
  if (!comparison) return [];
  return Object.entries(comparison)
    .filter(([, value]) => value !== undefined)
    .map(
      ([operator, value]) =>
        `${attribute} ${comparisonOperators[operator as keyof TimestampComparison]} ${searchString(value!)}`,
    );
}

/**
 * The `search` expression for the unified filters. Okta leaves DEPROVISIONED users out of a plain list but
 * not out of a search, so a search that names no status lists every other status unless include_deleted.
 */
export function userSearchExpression(parameters: ListUsersParameters): string | undefined {
  const clauses: string[] = [];
  if (parameters.email !== undefined) {
    const email = searchString(parameters.email);
    clauses.push(`(profile.email eq ${email} or profile.login eq ${email})`);
  }
  clauses.push(...timestampClauses('created', parameters.created_at));
  clauses.push(...timestampClauses('lastUpdated', parameters.updated_at));
  if (parameters.status !== undefined) {
    clauses.push(statusClause(oktaStatusesFor(parameters.status)));
  } else if (clauses.length > 0 && !parameters.include_deleted) {
    clauses.push(statusClause(allStatuses.filter((status) => status !== 'DEPROVISIONED')));
  } else if (clauses.length === 0 && parameters.include_deleted) {
    // Any search includes DEPROVISIONED users; this one matches every user.
    clauses.push('status pr');
  }
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

function firstPageRequest(
  parameters: ListUsersParameters,
  remoteQuery: Context['remoteQuery'],
): ProviderRequest {
  for (const unsupported of ['workspace_id', 'organization_id'] as const) {
    if (parameters[unsupported] !== undefined)
      refuseListParameter(unsupported, 'Okta users have no such filter');
  }
  const limit = pageSizeFor(parameters.limit, oktaUserPageSizes);
  const search = userSearchExpression(parameters);
  if (parameters.group_id !== undefined) {
    if (search !== undefined) {
      refuseListParameter('group_id', 'Okta lists group members with no filter; use group_id alone');
    }
    return {
      method: 'GET',
      path: ['groups', parameters.group_id, 'users'],
      query: mergeRemoteQuery({ limit }, remoteQuery, reservedListQuery),
      description: 'list group members',
    };
  }
  return {
    method: 'GET',
    path: ['users'],
    query: mergeRemoteQuery({ limit, search }, remoteQuery, reservedListQuery),
    description: 'list users',
  };
}

export async function listUsers(
  parameters: ListUsersParameters,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  const request = parameters.cursor
    ? nextPageRequest(parameters.cursor, 'users')
    : firstPageRequest(parameters, context.remoteQuery);
  const response = await context.client.http.request(request, context);
  const users = asArray<OktaUser>(response.body, 'a user list');
  const records = new Array<RecordResult<UnifiedUser>>(users.length);
  for (let index = 0; index < users.length; index++) {
    const user = users[index]!;
    records[index] = { unified: mapOktaUser(user), raw: user };
  }
  return { records, nextCursor: nextCursorOf(response.headers, 'users') };
}

/** GET /users/{id or login}: one request. */
export async function fetchUser(
  idOrLogin: string,
  context: Context,
  remoteQuery?: Context['remoteQuery'],
): Promise<OktaUser> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['users', idOrLogin],
      query: mergeRemoteQuery({}, remoteQuery),
      description: 'get user',
    },
    context,
  );
  return asObject<OktaUser>(response.body, 'get user');
}

/** The user's admin role assignments (needs okta.roles.read): one request. */
export async function fetchUserRoles(userId: string, context: Context): Promise<OktaRoleAssignment[]> {
  const response = await context.client.http.request(
    { method: 'GET', path: ['users', userId, 'roles'], description: 'list user roles' },
    context,
  );
  return asArray<OktaRoleAssignment>(response.body, 'a role assignment list');
}

/** The user's groups (Okta answers them all at once): one request. */
export async function fetchUserGroups(userId: string, context: Context): Promise<OktaGroup[]> {
  const response = await context.client.http.request(
    { method: 'GET', path: ['users', userId, 'groups'], description: 'list user groups' },
    context,
  );
  return asArray<OktaGroup>(response.body, 'a group list');
}

/**
 * The roles for a get, or undefined when the token lacks okta.roles.read (a service app often does): the
 * get then answers without roles and user_type, which stay unknown rather than failing the whole read.
 */
async function rolesUnlessOutOfScope(
  userId: string,
  context: Context,
): Promise<OktaRoleAssignment[] | undefined> {
  try {
    return await fetchUserRoles(userId, context);
  } catch (error) {
    if (!(error instanceof ProviderAuthFailedError) || error.details?.provider_status !== 403) throw error;
    context.logger.warn({ userId }, 'the token may not read admin roles (okta.roles.read); roles left out');
    return undefined;
  }
}

/** A user with its groups and admin roles: 3 requests (the user, /groups, /roles). */
export async function fetchUserWithRelations(
  idOrLogin: string,
  context: Context,
  remoteQuery?: Context['remoteQuery'],
): Promise<OktaUserWithRelations> {
  const user = await fetchUser(idOrLogin, context, remoteQuery);
  const [groups, roles] = await Promise.all([
    fetchUserGroups(user.id, context),
    rolesUnlessOutOfScope(user.id, context),
  ]);
  return roles === undefined ? { ...user, groups } : { ...user, groups, roles };
}

export function toUserRecord(user: OktaUserWithRelations): RecordResult<UnifiedUser> {
  return { unified: mapOktaUser(user), raw: user };
}

export async function getUser(
  parameters: GetUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser>> {
  return toUserRecord(await fetchUserWithRelations(parameters.id, context, parameters.remote_query));
}

/** POST /users?activate=…: ACTIVE with a password (or PROVISIONED without), STAGED for status `invited`. */
export async function createUser(
  parameters: CreateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const { body, activate } = toOktaUserBody(parameters.body, 'create');
  const response = await context.client.http.request(
    { method: 'POST', path: ['users'], query: { activate }, body, description: 'create user' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toUserRecord(asObject<OktaUser>(response.body, 'create user'));
}

/** POST /users/{id} changes only the profile attributes sent (a partial update) and answers the user. */
export async function updateUser(
  parameters: UpdateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const { body } = toOktaUserBody(parameters.body, 'update');
  const response = await context.client.http.request(
    { method: 'POST', path: ['users', parameters.id], body, description: 'update user' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toUserRecord(asObject<OktaUser>(response.body, 'update user'));
}

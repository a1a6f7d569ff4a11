import { decodeCursor, encodeCursor, mergeRemoteQuery, pageSizeFor } from '@unidir/connector-utils';
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
import type { ScimClient } from './scim-client.js';
import { assertFilterable, scimEquals } from './scim-filter.js';
import { mapScimUser } from './scim-mapping.js';
import { patchMessage } from './scim-patch.js';
import type { ScimUser } from './scim-resources.js';
import { asListResponse, asResource } from './scim-response.js';
import {
  scimUserAttributes,
  scimUserForCreate,
  userForReplace,
  userPatchOperations,
} from './scim-user-write.js';

type Context = OperationContext<ScimClient>;

/** What a page asks for when neither the caller nor the provider says otherwise. */
const defaultPageSize = 100;
/** Query names the connector owns on lists: a remote_query cannot replace them. */
const reservedListQuery = ['startIndex', 'count'];

const queryValueSchema = z.union([z.string(), z.array(z.string())]);
/** The next page: its 1-based index, its size, the exact query of the first page, and the total then. */
const listCursorSchema = z
  .object({
    startIndex: z.number().int().min(1),
    count: z.number().int().min(1),
    query: z.record(z.string(), queryValueSchema),
    total: z.number().int().min(0).optional(),
  })
  .strict();
export type ScimListCursor = z.infer<typeof listCursorSchema>;

function toRecord(user: ScimUser): RecordResult<UnifiedUser> {
  return { unified: mapScimUser(user), raw: user };
}

/** Unified list filters the SCIM connector cannot express. */
const unsupportedListFilters = [
  'group_id',
  'workspace_id',
  'organization_id',
  'created_at',
  'updated_at',
  'include_deleted',
] as const;

async function userFilter(parameters: ListUsersParameters, context: Context): Promise<string | undefined> {
  for (const parameter of unsupportedListFilters) {
    if (parameters[parameter] !== undefined) {
      throw new UnsupportedParameterError({
        parameter,
        supported: ['email', 'status'],
        reason: 'SCIM users are filtered here by email and status only',
      });
    }
  }
  const clauses: string[] = [];
  if (parameters.email !== undefined) {
    await assertFilterable(context.client, context, 'emails.value', 'email');
    clauses.push(scimEquals('emails.value', parameters.email));
  }
  if (parameters.status !== undefined) {
    if (parameters.status !== 'active' && parameters.status !== 'inactive') {
      throw new UnsupportedParameterError({
        parameter: 'status',
        supported: ['active', 'inactive'],
        reason: 'a SCIM user is active or not',
      });
    }
    await assertFilterable(context.client, context, 'active', 'status');
    clauses.push(scimEquals('active', parameters.status === 'active'));
  }
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

/** One page of a startIndex/count list, and the cursor of the next one (null after the last). */
export async function listPage<Resource extends { id: string }>(
  path: string,
  cursor: ScimListCursor,
  context: Context,
): Promise<{ resources: Resource[]; nextCursor: string | null }> {
  const { client } = context;
  const response = await client.http.request(
    {
      method: 'GET',
      path: [path],
      query: { ...cursor.query, startIndex: String(cursor.startIndex), count: String(cursor.count) },
      description: `list ${path.toLowerCase()}`,
    },
    context,
  );
  const page = asListResponse<Resource>(response.body, `list ${path}`);
  // A provider that ignores `count` may answer more: keep one page's worth and continue right after it.
  const resources = page.resources.slice(0, cursor.count);
  const total = page.totalResults;
  if (cursor.total !== undefined && total !== undefined && total !== cursor.total) {
    context.logger.warn(
      { path, before: cursor.total, now: total, startIndex: cursor.startIndex },
      'the provider total changed while paging: records may shift by the difference',
    );
  }
  const nextIndex = cursor.startIndex + resources.length;
  const done = resources.length === 0 || (total !== undefined && nextIndex > total);
  const nextCursor = done
    ? null
    : encodeCursor(client.integrationId, {
        ...cursor,
        startIndex: nextIndex,
        ...(total === undefined ? {} : { total }),
      });
  return { resources, nextCursor };
}

/** The first page's request, or the next one from a cursor (checked before any provider call). */
export async function firstOrNextCursor(
  parameters: { limit?: number; cursor?: string },
  remoteQuery: RemoteQuery,
  filter: () => Promise<string | undefined>,
  context: Context,
): Promise<ScimListCursor> {
  if (parameters.cursor)
    return decodeCursor(context.client.integrationId, parameters.cursor, listCursorSchema);
  const connectorFilter = await filter();
  const capabilities = await context.client.capabilities(context);
  const count = pageSizeFor(parameters.limit, {
    default: defaultPageSize,
    maximum: capabilities.maxResults ?? Number.MAX_SAFE_INTEGER,
  });
  const query = mergeRemoteQuery({ filter: connectorFilter }, remoteQuery, reservedListQuery);
  return { startIndex: 1, count, query };
}

export async function listUsers(
  parameters: ListUsersParameters,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  const cursor = await firstOrNextCursor(
    parameters,
    context.remoteQuery,
    () => userFilter(parameters, context),
    context,
  );
  const page = await listPage<ScimUser>('Users', cursor, context);
  return { records: page.resources.map(toRecord), nextCursor: page.nextCursor };
}

export async function fetchUser(id: string, context: Context, remoteQuery?: RemoteQuery): Promise<ScimUser> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['Users', id],
      query: mergeRemoteQuery({}, remoteQuery),
      description: 'get user',
    },
    context,
  );
  return asResource<ScimUser>(response.body, 'get user');
}

export async function getUser(
  parameters: GetUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser>> {
  return toRecord(await fetchUser(parameters.id, context, parameters.remote_query));
}

/**
 * Every user whose email matches, across pages (a filter normally answers one page). Used where one user
 * must be named by email: the caller decides what zero or several matches mean.
 */
export async function findUsersByEmail(email: string, context: Context): Promise<ScimUser[]> {
  await assertFilterable(context.client, context, 'emails.value', 'emails');
  const capabilities = await context.client.capabilities(context);
  let cursor: ScimListCursor | null = {
    startIndex: 1,
    count: Math.min(defaultPageSize, capabilities.maxResults ?? defaultPageSize),
    query: { filter: scimEquals('emails.value', email) },
  };
  const users: ScimUser[] = [];
  while (cursor) {
    const page: { resources: ScimUser[]; nextCursor: string | null } = await listPage<ScimUser>(
      'Users',
      cursor,
      context,
    );
    users.push(...page.resources);
    cursor = page.nextCursor
      ? decodeCursor(context.client.integrationId, page.nextCursor, listCursorSchema)
      : null;
  }
  return users;
}

export async function createUser(
  parameters: CreateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const body = scimUserForCreate(parameters.body);
  const response = await context.client.http.request(
    { method: 'POST', path: ['Users'], body, description: 'create user' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toRecord(asResource<ScimUser>(response.body, 'create user'));
}

/**
 * Writes attributes to a user: a PATCH of exactly those attributes where the provider supports PATCH, else a
 * PUT of the whole user as read just before (the only way to change one attribute there). Returns the user
 * as the provider answered, read again when a PATCH answers 204.
 */
export async function writeUserAttributes(
  id: string,
  attributes: ReturnType<typeof scimUserAttributes>,
  description: string,
  context: Context,
  /** The user as the caller just read it: a PUT then sends it without a second read. */
  current?: ScimUser,
): Promise<{ user: ScimUser | null; outcome: 'sent' | 'planned' | 'already_done' }> {
  const { client } = context;
  const capabilities = await client.capabilities(context);
  if (capabilities.patch) {
    const response = await client.http.request(
      {
        method: 'PATCH',
        path: ['Users', id],
        body: patchMessage(userPatchOperations(attributes), client.patchOperationCasing),
        description,
      },
      context,
    );
    if (response.outcome === 'planned') return { user: null, outcome: 'planned' };
    const user =
      response.body === undefined
        ? await fetchUser(id, context)
        : asResource<ScimUser>(response.body, description);
    return { user, outcome: response.outcome };
  }
  const response = await client.http.request(
    {
      method: 'PUT',
      path: ['Users', id],
      body: userForReplace(current ?? (await fetchUser(id, context)), attributes),
      // The same full resource twice leaves the same state: a lost answer may be repeated.
      idempotent: true,
      description,
    },
    context,
  );
  if (response.outcome === 'planned') return { user: null, outcome: 'planned' };
  return { user: asResource<ScimUser>(response.body, description), outcome: response.outcome };
}

export async function updateUser(
  parameters: UpdateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const attributes = scimUserAttributes(parameters.body);
  if (Object.keys(attributes).length === 0) return getUser({ id: parameters.id }, context);
  const { user } = await writeUserAttributes(parameters.id, attributes, 'update user', context);
  return user === null ? null : toRecord(user);
}

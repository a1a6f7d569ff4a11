import { mergeRemoteQuery } from '@unidir/connector-utils';
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
import type { ScimClient } from './scim-client.js';
import { assertFilterable, scimEquals } from './scim-filter.js';
import {
  defaultPageSize,
  encodeListCursor,
  firstOrNextCursor,
  listPage,
  type ScimListCursor,
} from './scim-list.js';
import { mapScimUser } from './scim-mapping.js';
import { patchMessage } from './scim-patch.js';
import type { ScimUser } from './scim-resources.js';
import { asResource } from './scim-response.js';
import {
  scimUserAttributes,
  scimUserForCreate,
  userForReplace,
  userPatchOperations,
} from './scim-user-write.js';

type Context = OperationContext<ScimClient>;

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
  return { records: page.resources.map(toRecord), nextCursor: encodeListCursor(context.client, page.next) };
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
    const page: { resources: ScimUser[]; next: ScimListCursor | null } = await listPage<ScimUser>(
      'Users',
      cursor,
      context,
    );
    users.push(...page.resources);
    cursor = page.next;
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

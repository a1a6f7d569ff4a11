import {
  decodeCursor,
  deleteActionOutcome,
  deleteRequest,
  encodeCursor,
  mergeRemoteQuery,
  pageSizeFor,
  refuseRemoteQuery,
} from '@unidir/connector-utils';
import type {
  DeleteUserParameters,
  ListUsersParameters,
  OperationContext,
  RecordResult,
  UnifiedUser,
  UserOperationsV1,
} from '@unidir/core';
import {
  InvalidCursorError,
  NotFoundError,
  UnidirError,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import { z } from 'zod';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { fetchGroupsOfUser } from './google-workspace-groups.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';
import { licensesByEmail, readLicenseAssignments } from './google-workspace-licenses.js';
import { mapGoogleUser, toGoogleUserBody } from './google-workspace-mapping.js';
import type { GoogleMembersPage, GoogleUser, GoogleUsersPage } from './google-workspace-types.js';
import { requestUser } from './google-workspace-user-request.js';

type Context = OperationContext<GoogleWorkspaceClient>;

const userPageSizes = { default: 100, maximum: 500 };
const memberPageSizes = { default: 100, maximum: 200 };
/** users.get calls in flight at once when listing a group's members. */
const memberLookupConcurrency = 8;
/** Keys the connector owns on users.list: the account's scope, paging, and what the mapping needs whole. */
const reservedListKeys = ['customer', 'domain', 'pageToken', 'maxResults', 'showDeleted', 'fields'];

const userCursorSchema = z.object({ deleted: z.boolean(), pageToken: z.string().optional() });
const memberCursorSchema = z.object({ group: z.string(), pageToken: z.string() });
const listCursorSchema = z.union([userCursorSchema, memberCursorSchema]);

type LicensesByEmail = ReadonlyMap<string, NonNullable<UnifiedUser['licenses']>>;

const record = (
  user: GoogleUser,
  groups?: UnifiedUser['groups'],
  licenses?: LicensesByEmail,
): RecordResult<UnifiedUser> => ({
  unified: mapGoogleUser(
    user,
    groups,
    licenses === undefined ? undefined : (licenses.get(user.primaryEmail?.toLowerCase() ?? '') ?? []),
  ),
  raw: user,
});

/** With settings.user_licenses, every user's licenses from the account's cached assignments; no request per user. */
async function userLicenses(context: Context): Promise<LicensesByEmail | undefined> {
  if (!context.client.settings.user_licenses) return undefined;
  return licensesByEmail(await readLicenseAssignments(context));
}

/** Quoted, as Google's user search needs for values with special characters; it has no escape for a quote. */
function emailClause(email: string): string {
  if (email.includes("'")) {
    throw new ValidationError({
      message: 'email must not contain a quote.',
      code: 'invalid_email',
      details: { parameter: 'email' },
    });
  }
  return `email:'${email}'`;
}

function refuseGroupCombinations(parameters: ListUsersParameters): void {
  for (const name of ['email', 'status', 'include_deleted'] as const) {
    if (parameters[name] !== undefined && parameters[name] !== false) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported: ['group_id', 'limit', 'cursor'],
        reason: 'Google lists group members without user filters; it cannot be combined with group_id',
      });
    }
  }
}

function refuseUnsupportedListFilters(parameters: ListUsersParameters): void {
  for (const name of ['workspace_id', 'organization_id', 'created_at', 'updated_at'] as const) {
    if (parameters[name] !== undefined) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported: ['email', 'status', 'include_deleted', 'group_id'],
        reason: 'the Directory API cannot filter users on it',
      });
    }
  }
  if (parameters.status !== undefined && !['active', 'inactive', 'deleted'].includes(parameters.status)) {
    throw new UnsupportedParameterError({
      parameter: 'status',
      supported: ['active', 'inactive', 'deleted'],
    });
  }
}

async function listUsers(parameters: ListUsersParameters, context: Context) {
  refuseUnsupportedListFilters(parameters);
  const state = parameters.cursor
    ? decodeCursor(googleWorkspaceConnectorId, parameters.cursor, listCursorSchema)
    : undefined;
  if (parameters.group_id !== undefined) {
    refuseGroupCombinations(parameters);
    if (state !== undefined && !('group' in state && state.group === parameters.group_id)) {
      throw new InvalidCursorError({
        message: 'This cursor belongs to another list. Start again from the first page.',
      });
    }
    return listGroupMembers(parameters.group_id, parameters.limit, state?.pageToken, context);
  }
  if (state !== undefined && 'group' in state) {
    throw new InvalidCursorError({
      message: 'This cursor belongs to a group member list. Start again from the first page.',
    });
  }
  const deleted = state?.deleted ?? parameters.status === 'deleted';
  const clauses: string[] = [];
  if (parameters.email !== undefined) clauses.push(emailClause(parameters.email));
  if (parameters.status === 'active' || parameters.status === 'inactive') {
    clauses.push(`isSuspended=${parameters.status === 'inactive'}`);
  }
  const query = mergeRemoteQuery(
    {
      ...context.client.listScope,
      maxResults: pageSizeFor(parameters.limit, userPageSizes),
      pageToken: state?.pageToken,
      showDeleted: deleted ? 'true' : undefined,
      query: clauses.length > 0 ? clauses.join(' ') : undefined,
    },
    context.remoteQuery,
    reservedListKeys,
  );
  const response = await context.client.request<GoogleUsersPage>(
    { method: 'GET', path: ['users'], query, description: deleted ? 'list deleted users' : 'list users' },
    context,
  );
  const users = response.body?.users ?? [];
  const licenses = await userLicenses(context);
  const nextPageToken = response.body?.nextPageToken;
  // Google lists deleted users only on their own (showDeleted=true), so including them is a second pass.
  const moveToDeleted = !deleted && parameters.include_deleted === true && parameters.status === undefined;
  const next =
    nextPageToken !== undefined
      ? { deleted, pageToken: nextPageToken }
      : moveToDeleted
        ? { deleted: true }
        : undefined;
  return {
    records: users.map((user) => record(user, undefined, licenses)),
    nextCursor: next === undefined ? null : encodeCursor(googleWorkspaceConnectorId, next),
  };
}

async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  task: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await task(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** members.list, then users.get per user member: Google has no user list filtered by group. */
async function listGroupMembers(
  groupId: string,
  limit: number | undefined,
  pageToken: string | undefined,
  context: Context,
) {
  const response = await context.client.request<GoogleMembersPage>(
    {
      method: 'GET',
      path: ['groups', groupId, 'members'],
      query: mergeRemoteQuery(
        { maxResults: pageSizeFor(limit, memberPageSizes), pageToken },
        context.remoteQuery,
        ['pageToken', 'maxResults', 'fields'],
      ),
      description: 'list group members',
    },
    context,
  );
  const userMembers = (response.body?.members ?? []).filter((member) => member.type === 'USER' && member.id);
  const users = await mapWithConcurrency(userMembers, memberLookupConcurrency, async (member) => {
    try {
      return (await requestUser(member.id as string, context)).body;
    } catch (error) {
      // A member deleted between the two calls is no longer a user to list.
      if (UnidirError.isInstance(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  });
  const nextPageToken = response.body?.nextPageToken;
  const licenses = await userLicenses(context);
  return {
    records: users.flatMap((user) => (user ? [record(user, undefined, licenses)] : [])),
    nextCursor:
      nextPageToken === undefined
        ? null
        : encodeCursor(googleWorkspaceConnectorId, { group: groupId, pageToken: nextPageToken }),
  };
}

function requireFields(write: Record<string, unknown>, body: Record<string, unknown>): void {
  const name = (body.name ?? {}) as Record<string, unknown>;
  const missing = [
    ...(name.givenName === undefined ? ['first_name'] : []),
    ...(name.familyName === undefined ? ['last_name'] : []),
    ...(body.primaryEmail === undefined ? ['emails (a primary email) or username'] : []),
    ...(write.password === undefined ? ['password'] : []),
  ];
  if (missing.length > 0) {
    throw new ValidationError({
      message: `Google Workspace needs ${missing.join(', ')} to create a user (users.insert requires a password; unidir does not generate one).`,
      code: 'missing_required_fields',
      details: { fields: missing },
    });
  }
}

function targetGroupOf(parameters: DeleteUserParameters): string | undefined {
  if (parameters.remove_from === 'group') {
    if (parameters.remove_from_id === undefined) {
      throw new ValidationError({
        message: 'remove_from=group needs remove_from_id: the id or email of the group.',
        code: 'missing_parameter',
        details: { parameter: 'remove_from_id' },
      });
    }
    if (parameters.group_id !== undefined && parameters.group_id !== parameters.remove_from_id) {
      throw new ValidationError({
        message: 'group_id and remove_from_id name different groups; give one.',
        details: { parameters: ['group_id', 'remove_from_id'] },
      });
    }
    return parameters.remove_from_id;
  }
  if (parameters.remove_from_id !== undefined) {
    throw new ValidationError({
      message: 'remove_from_id needs remove_from=group.',
      code: 'missing_parameter',
      details: { parameter: 'remove_from' },
    });
  }
  return parameters.group_id;
}

/** Every refusal happens here, before any provider call. */
function refuseUnsupportedDeleteOptions(parameters: DeleteUserParameters): void {
  if (parameters.permanent === true) {
    throw new UnsupportedParameterError({
      parameter: 'permanent',
      supported: ['false'],
      message:
        'permanent=true is not supported by Google Workspace: a deleted user stays restorable for 20 days and the Directory API has no call to purge it sooner. Delete without permanent (the user is purged by Google after 20 days).',
    });
  }
  if (parameters.remove_from === 'organization') {
    throw new UnsupportedParameterError({
      parameter: 'remove_from',
      supported: ['group'],
      reason:
        'Google Workspace has no "remove from organization": suspend the user (update status=inactive) or delete it',
    });
  }
  for (const name of ['organization_id', 'workspace_id', 'emails'] as const) {
    if (parameters[name] !== undefined) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported: ['remove_from', 'remove_from_id', 'group_id', 'user_type', 'product', 'permanent'],
        reason: 'Google Workspace has no such delete scope; the user is named by its id or primary email',
      });
    }
  }
  if (parameters.product !== undefined && parameters.product !== 'workspace') {
    throw new UnsupportedParameterError({ parameter: 'product', supported: ['workspace'] });
  }
  refuseRemoteQuery(parameters.remote_query, 'deletes take no provider query');
}

async function deleteUser(parameters: DeleteUserParameters, context: Context) {
  refuseUnsupportedDeleteOptions(parameters);
  const groupKey = targetGroupOf(parameters);
  if (groupKey !== undefined && parameters.user_type !== undefined) {
    throw new UnsupportedParameterError({
      parameter: 'user_type',
      supported: [],
      reason: 'removing a membership does not depend on the type of user',
    });
  }
  if (groupKey !== undefined) {
    const response = await context.client.request(
      deleteRequest(['groups', groupKey, 'members', parameters.id], 'remove user from group'),
      context,
    );
    return {
      id: parameters.id,
      actions: [
        { action: 'remove_from_group', target: groupKey, outcome: deleteActionOutcome(response.outcome) },
      ],
    };
  }
  let before: RecordResult<UnifiedUser> | undefined;
  if (parameters.user_type !== undefined) {
    before = record((await requestUser(parameters.id, context)).body);
    if (before.unified.user_type !== parameters.user_type) {
      throw new ValidationError({
        message: `User ${parameters.id} is ${before.unified.user_type ?? 'of unknown type'}, not ${parameters.user_type}; nothing was deleted.`,
        code: 'user_type_mismatch',
        details: { expected: parameters.user_type, actual: before.unified.user_type },
      });
    }
  }
  // Once read, the immutable id is what gets deleted: an email could name another user by then.
  const id = before?.unified.id ?? parameters.id;
  const response = await context.client.request(deleteRequest(['users', id], 'delete user'), context);
  return {
    id,
    actions: [{ action: 'soft_delete', target: id, outcome: deleteActionOutcome(response.outcome) }],
    ...(before === undefined ? {} : { user: before }),
  };
}

export const googleWorkspaceUsers: UserOperationsV1<GoogleWorkspaceClient> = {
  list: listUsers,

  async get(parameters, context) {
    const user = (await requestUser(parameters.id, context)).body;
    if (!user?.id)
      throw new NotFoundError({ message: `No user ${parameters.id}.`, resource: 'users', id: parameters.id });
    const groups = await fetchGroupsOfUser(user.id, context);
    return record(
      user,
      groups.map((group) => ({ id: group.id, ...(group.name ? { name: group.name } : {}) })),
      await userLicenses(context),
    );
  },

  async create(parameters, context) {
    const body = toGoogleUserBody(parameters.body);
    requireFields(parameters.body, body);
    const response = await context.client.request<GoogleUser>(
      { method: 'POST', path: ['users'], body, description: 'create user' },
      context,
    );
    return response.outcome === 'planned' ? null : record(response.body);
  },

  async update(parameters, context) {
    const body = toGoogleUserBody(parameters.body);
    if (Object.keys(body).length === 0) {
      throw new ValidationError({ message: 'The update names no field to change.', code: 'empty_update' });
    }
    const response = await context.client.request<GoogleUser>(
      { method: 'PATCH', path: ['users', parameters.id], body, description: 'update user' },
      context,
    );
    return response.outcome === 'planned' ? null : record(response.body);
  },

  delete: deleteUser,
};

import {
  assertWritableFields,
  deleteActionOutcome,
  deleteRequest,
  mergeRemoteQuery,
  pageSizeFor,
} from '@unidir/connector-utils';
import {
  type CreateGroupParameters,
  type DeleteGroupParameters,
  type DeleteResult,
  type GetGroupParameters,
  type GroupMembershipParameters,
  type GroupWrite,
  type ListGroupsParameters,
  type ListResult,
  type MembershipResult,
  type OperationContext,
  type RecordResult,
  UnidirError,
  type UnifiedGroup,
  UnsupportedParameterError,
  type UpdateGroupParameters,
  wellKnownActions,
} from '@unidir/core';
import type { OktaClient } from './okta-client.js';
import { nextCursorOf, nextPageRequest } from './okta-cursor.js';
import { mapOktaGroup, type OktaGroup } from './okta-mapping.js';
import { asArray, asObject } from './okta-response.js';
import { fetchUserGroups } from './okta-users.js';

type Context = OperationContext<OktaClient>;

/** Okta serves up to 10,000 groups a page but advises fewer; 200 keeps pages like the users'. */
const groupPageSizes = { default: 200, maximum: 1000 };
const reservedGroupQuery = ['limit', 'after', 'expand'];
const writableGroupFields = ['name', 'description', 'remote_data'] as const;

function toRecord(group: OktaGroup): RecordResult<UnifiedGroup> {
  return { unified: mapOktaGroup(group), raw: group };
}

/** GET /groups?expand=stats (member counts included): 1 request per page; a user's groups: 1 request, unpaged. */
export async function listGroups(
  parameters: ListGroupsParameters,
  context: Context,
): Promise<ListResult<UnifiedGroup>> {
  if (parameters.user_id !== undefined && !parameters.cursor) {
    if (Object.keys(context.remoteQuery).length > 0) {
      throw new UnsupportedParameterError({
        parameter: 'remote_query',
        supported: [],
        reason: "a user's groups take no provider query",
      });
    }
    return { records: (await fetchUserGroups(parameters.user_id, context)).map(toRecord), nextCursor: null };
  }
  const request = parameters.cursor
    ? nextPageRequest(parameters.cursor, 'groups')
    : {
        method: 'GET' as const,
        path: ['groups'],
        query: mergeRemoteQuery(
          { limit: pageSizeFor(parameters.limit, groupPageSizes), expand: 'stats' },
          context.remoteQuery,
          reservedGroupQuery,
        ),
        description: 'list groups',
      };
  const response = await context.client.http.request(request, context);
  return {
    records: asArray<OktaGroup>(response.body, 'a group list').map(toRecord),
    nextCursor: nextCursorOf(response.headers, 'groups'),
  };
}

async function fetchGroup(id: string, context: Context): Promise<OktaGroup> {
  const response = await context.client.http.request(
    { method: 'GET', path: ['groups', id], description: 'get group' },
    context,
  );
  return asObject<OktaGroup>(response.body, 'get group');
}

export async function getGroup(
  parameters: GetGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup>> {
  return toRecord(await fetchGroup(parameters.id, context));
}

/** Unified name and description -> an OKTA_GROUP profile; `remote_data.profile` adds custom attributes. */
function groupProfile(body: Partial<GroupWrite>): Record<string, unknown> {
  assertWritableFields(body, writableGroupFields, {
    reason: 'an Okta group profile holds a name and a description',
  });
  const profile: Record<string, unknown> = {};
  if (body.name !== undefined) profile.name = body.name;
  if (body.description !== undefined) profile.description = body.description;
  const custom = body.remote_data?.profile;
  if (custom !== undefined && typeof custom === 'object' && custom !== null) Object.assign(profile, custom);
  return profile;
}

/** POST /groups: always an OKTA_GROUP (Okta creates no other kind through the API). */
export async function createGroup(
  parameters: CreateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const profile = groupProfile(parameters.body);
  if (typeof profile.name !== 'string') {
    throw new UnsupportedParameterError({
      parameter: 'name',
      supported: [...writableGroupFields],
      reason: 'an Okta group needs a name',
    });
  }
  const response = await context.client.http.request(
    { method: 'POST', path: ['groups'], body: { profile }, description: 'create group' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toRecord(asObject<OktaGroup>(response.body, 'create group'));
}

/**
 * PUT /groups/{id} replaces the whole profile, so the group is read first and the fields sent are laid over
 * it: 2 requests. Okta refuses APP_GROUP and BUILT_IN groups (403 E0000006).
 */
export async function updateGroup(
  parameters: UpdateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const changes = groupProfile(parameters.body);
  const current = await fetchGroup(parameters.id, context);
  const response = await context.client.http.request(
    {
      method: 'PUT',
      path: ['groups', current.id],
      body: { profile: { ...current.profile, ...changes } },
      idempotent: true,
      description: 'update group',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toRecord(asObject<OktaGroup>(response.body, 'update group'));
}

/** DELETE /groups/{id}: 1 request; a 404 on its retry means the first attempt deleted it. */
export async function deleteGroup(
  parameters: DeleteGroupParameters,
  context: Context,
): Promise<DeleteResult> {
  const response = await context.client.http.request(
    deleteRequest(['groups', parameters.id], 'delete group'),
    context,
  );
  return {
    id: parameters.id,
    actions: [
      {
        action: wellKnownActions.deleteGroup,
        target: parameters.id,
        outcome: deleteActionOutcome(response.outcome),
      },
    ],
  };
}

/**
 * PUT /groups/{gid}/users/{uid}: Okta answers 204 whether or not the user already was a member, so the
 * outcome is `done` either way; repeating it is harmless, so a lost answer is retried.
 */
export async function addUserToGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const response = await context.client.http.request(
    {
      method: 'PUT',
      path: ['groups', parameters.group_id, 'users', parameters.user_id],
      idempotent: true,
      description: 'add user to group',
    },
    context,
  );
  return {
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: wellKnownActions.addToGroup,
    outcome: deleteActionOutcome(response.outcome),
  };
}

/**
 * DELETE /groups/{gid}/users/{uid}: one request; a 404 on its retry (the first attempt removed the user) is
 * `already_done`. Okta answers 404 too when the user is not a member: then one read of the group tells
 * "not a member" (`already_done`, nothing to remove) from "no such group" (not_found).
 */
export async function removeUserFromGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const result = (outcome: MembershipResult['outcome']): MembershipResult => ({
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: wellKnownActions.removeFromGroup,
    outcome,
  });
  try {
    const response = await context.client.http.request(
      deleteRequest(['groups', parameters.group_id, 'users', parameters.user_id], 'remove user from group'),
      context,
    );
    return result(deleteActionOutcome(response.outcome));
  } catch (error) {
    if (!UnidirError.isInstance(error) || error.code !== 'not_found') throw error;
    await context.client.http.request(
      { method: 'GET', path: ['groups', parameters.group_id], description: 'check the group exists' },
      context,
    );
    return result('already_done');
  }
}

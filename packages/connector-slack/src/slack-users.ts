import { decodeCursor, encodeCursor } from '@unidir/connector-utils';
import {
  type GetUserParameters,
  type ListResult,
  type ListUsersParameters,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedUser,
} from '@unidir/core';
import { z } from 'zod';
import type { SlackClient } from './slack-client.js';
import { mapSlackUser, workspaceIdsOf } from './slack-mapping.js';
import { slackConnectorId } from './slack-settings.js';
import type { SlackUser } from './slack-types.js';
import { readWebApi, type SlackOkBody, type WebApiRead } from './slack-web-api.js';

type Context = OperationContext<SlackClient>;

/** Slack suggests pages of at most 200 for users.list and serves up to 1000. */
const maximumPageSize = 1000;
const defaultPageSize = 100;

const cursorStateSchema = z.object({ cursor: z.string().min(1), team_id: z.string().optional() });

interface UsersListBody extends SlackOkBody {
  members: SlackUser[];
}

interface UserBody extends SlackOkBody {
  user: SlackUser;
}

export function toUserRecord(user: SlackUser): RecordResult<UnifiedUser> {
  return { unified: mapSlackUser(user), raw: user };
}

/**
 * users.lookupByEmail: one user or none; Slack answers `users_not_found` for an unknown address. With
 * `workspace_id` the user is kept only when it belongs to that workspace.
 */
async function listByEmail(
  email: string,
  workspaceId: string | undefined,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  try {
    const body = await readWebApi<UserBody>(
      { method: 'users.lookupByEmail', arguments: { email }, description: 'look up user by email' },
      context,
    );
    const inWorkspace = workspaceId === undefined || workspaceIdsOf(body.user).includes(workspaceId);
    return { records: inWorkspace ? [toUserRecord(body.user)] : [], nextCursor: null };
  } catch (error) {
    if (error instanceof NotFoundError) return { records: [], nextCursor: null };
    throw error;
  }
}

/**
 * users.list with Slack's cursor, 1 request per page; `workspace_id` becomes `team_id` (on Grid an org-wide
 * token lists one workspace's members that way). Deactivated users are listed too, with status inactive.
 */
export async function listUsers(
  parameters: ListUsersParameters,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  if (parameters.email !== undefined && !parameters.cursor)
    return listByEmail(parameters.email, parameters.workspace_id, context);
  const state = parameters.cursor
    ? decodeCursor(slackConnectorId, parameters.cursor, cursorStateSchema)
    : { cursor: undefined, team_id: parameters.workspace_id };
  const body = await readWebApi<UsersListBody>(
    {
      method: 'users.list',
      arguments: {
        limit: Math.min(parameters.limit ?? defaultPageSize, maximumPageSize),
        cursor: state.cursor,
        team_id: state.team_id,
      },
      remoteQuery: context.remoteQuery,
      description: 'list users',
    },
    context,
  );
  const next = body.response_metadata?.next_cursor;
  return {
    records: body.members.map(toUserRecord),
    nextCursor: next ? encodeCursor(slackConnectorId, { cursor: next, team_id: state.team_id }) : null,
  };
}

/** users.info: 1 request. Deactivated users are found too (status inactive). */
export async function fetchUser(
  id: string,
  context: Context,
  as: WebApiRead['as'] = 'reader',
): Promise<SlackUser> {
  const body = await readWebApi<UserBody>(
    {
      method: 'users.info',
      as,
      arguments: { user: id },
      remoteQuery: context.remoteQuery,
      description: 'get user',
    },
    context,
  );
  return body.user;
}

export async function getUser(
  parameters: GetUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser>> {
  return toUserRecord(await fetchUser(parameters.id, context));
}

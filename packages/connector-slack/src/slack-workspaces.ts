import { decodeCursor, encodeCursor } from '@unidir/connector-utils';
import {
  type GetResourceParameters,
  type ListResult,
  type ListWorkspacesParameters,
  type OperationContext,
  ProviderApiCallError,
  type RecordResult,
  type UnifiedWorkspace,
} from '@unidir/core';
import { z } from 'zod';
import type { SlackClient } from './slack-client.js';
import { assertSlackId } from './slack-ids.js';
import { mapSlackTeam } from './slack-mapping.js';
import { slackConnectorId } from './slack-settings.js';
import type { SlackTeam } from './slack-types.js';
import { readWebApi, type SlackOkBody } from './slack-web-api.js';

type Context = OperationContext<SlackClient>;

/** admin.teams.list serves at most 100 per page. */
const maximumPageSize = 100;
const cursorStateSchema = z.object({ cursor: z.string().min(1) });

/** What Slack answers admin.* methods outside Enterprise Grid. */
const notGridErrors = new Set(['not_an_enterprise', 'feature_not_enabled']);

interface TeamsBody extends SlackOkBody {
  teams: SlackTeam[];
}

interface TeamBody extends SlackOkBody {
  team: SlackTeam;
}

function isNotGrid(error: unknown): boolean {
  if (!(error instanceof ProviderApiCallError)) return false;
  const payload = error.providerPayload as { error?: unknown } | undefined;
  return typeof payload?.error === 'string' && notGridErrors.has(payload.error);
}

function toWorkspaceRecord(team: SlackTeam): RecordResult<UnifiedWorkspace> {
  return { unified: mapSlackTeam(team, team.enterprise_id), raw: team };
}

/** team.info: the token's own workspace, or (on Grid) the one named. */
export async function fetchTeam(teamId: string | undefined, context: Context): Promise<SlackTeam> {
  const body = await readWebApi<TeamBody>(
    { method: 'team.info', arguments: { team: teamId }, description: 'get workspace', as: 'admin' },
    context,
  );
  return body.team;
}

/**
 * Grid: admin.teams.list, 1 request per page of up to 100. Outside Grid Slack refuses admin methods, and the
 * one workspace (team.info) is the list.
 */
export async function listWorkspaces(
  parameters: ListWorkspacesParameters,
  context: Context,
): Promise<ListResult<UnifiedWorkspace>> {
  const cursor = parameters.cursor
    ? decodeCursor(slackConnectorId, parameters.cursor, cursorStateSchema).cursor
    : undefined;
  try {
    const body = await readWebApi<TeamsBody>(
      {
        method: 'admin.teams.list',
        as: 'admin',
        arguments: { limit: Math.min(parameters.limit ?? maximumPageSize, maximumPageSize), cursor },
        description: 'list workspaces',
      },
      context,
    );
    const next = body.response_metadata?.next_cursor;
    return {
      records: body.teams.map(toWorkspaceRecord),
      nextCursor: next ? encodeCursor(slackConnectorId, { cursor: next }) : null,
    };
  } catch (error) {
    if (cursor !== undefined || !isNotGrid(error)) throw error;
    return { records: [toWorkspaceRecord(await fetchTeam(undefined, context))], nextCursor: null };
  }
}

export async function getWorkspace(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedWorkspace>> {
  assertSlackId('id', parameters.id);
  return toWorkspaceRecord(await fetchTeam(parameters.id, context));
}

import { decodeCursor, encodeCursor, mergeRemoteQuery, type ProviderRequest } from '@unidir/connector-utils';
import type {
  GetGroupParameters,
  ListGroupsParameters,
  ListResult,
  OperationContext,
  RecordResult,
  UnifiedGroup,
} from '@unidir/core';
import { z } from 'zod';
import type { AzureAdClient } from './azure-ad-client.js';
import { asEntity, asPage } from './azure-ad-graph-response.js';
import { type GraphGroup, graphGroupSelect, mapGraphGroup } from './azure-ad-mapping.js';
import { azureAdConnectorId } from './azure-ad-settings.js';

type Context = OperationContext<AzureAdClient>;

const reservedGroupQuery = ['$select', '$top', '$skiptoken', '$skip', '$format', '$expand'];
const cursorStateSchema = z.object({ groups: z.url() });

function toRecord(group: GraphGroup): RecordResult<UnifiedGroup> {
  return { unified: mapGraphGroup(group), raw: group };
}

/** GET /groups, or a user's groups through the memberOf cast to microsoft.graph.group: 1 request per page. */
export async function listGroups(
  parameters: ListGroupsParameters,
  context: Context,
): Promise<ListResult<UnifiedGroup>> {
  let request: ProviderRequest;
  if (parameters.cursor) {
    const state = decodeCursor(azureAdConnectorId, parameters.cursor, cursorStateSchema);
    request = { method: 'GET', url: state.groups, description: 'list groups (next page)' };
  } else {
    const query = mergeRemoteQuery(
      { $select: graphGroupSelect.join(','), $top: Math.min(parameters.limit ?? 100, 999) },
      context.remoteQuery,
      reservedGroupQuery,
    );
    request =
      parameters.user_id === undefined
        ? { method: 'GET', path: ['groups'], query, description: 'list groups' }
        : {
            method: 'GET',
            path: ['users', parameters.user_id, 'memberOf', 'microsoft.graph.group'],
            query,
            description: 'list groups of user',
          };
  }
  const response = await context.client.http.request(request, context);
  const page = asPage<GraphGroup>(response.body, 'a group list');
  const next = page['@odata.nextLink'];
  return {
    records: page.value.map(toRecord),
    nextCursor: next ? encodeCursor(azureAdConnectorId, { groups: next }) : null,
  };
}

export async function getGroup(
  parameters: GetGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup>> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['groups', parameters.id],
      query: mergeRemoteQuery(
        { $select: graphGroupSelect.join(',') },
        parameters.remote_query,
        reservedGroupQuery,
      ),
      description: 'get group',
    },
    context,
  );
  return toRecord(asEntity<GraphGroup>(response.body, 'get group'));
}

import { decodeCursor, encodeCursor, mergeRemoteQuery, pageSizeFor } from '@unidir/connector-utils';
import type { OperationContext } from '@unidir/core';
import { InvalidCursorError } from '@unidir/core';
import { z } from 'zod';
import type { GoogleWorkspaceClient, GoogleWorkspaceRequest } from './google-workspace-client.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';
import type { GoogleItemsPage } from './google-workspace-types.js';

/** `list` names the list the cursor belongs to, so a cursor of roles is never sent as a page token of activities. */
const pageCursorSchema = z.object({ list: z.string(), pageToken: z.string() });

export interface ItemsPageRequest extends Pick<GoogleWorkspaceRequest, 'path' | 'api' | 'scopes'> {
  /** What is listed (`roles`): names the call in logs and binds the cursors. */
  list: string;
  query: Record<string, string | undefined>;
  pageSizes: { default: number; maximum: number };
}

/**
 * One page of a Google list that answers `{items, nextPageToken}`: the caller's `limit` and cursor become
 * maxResults and pageToken; `remote_query` may add parameters but never override the connector's.
 */
export async function requestItemsPage<Item>(
  request: ItemsPageRequest,
  parameters: { limit?: number; cursor?: string },
  context: OperationContext<GoogleWorkspaceClient>,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const state = parameters.cursor
    ? decodeCursor(googleWorkspaceConnectorId, parameters.cursor, pageCursorSchema)
    : undefined;
  if (state !== undefined && state.list !== request.list) {
    throw new InvalidCursorError({
      message: `This cursor belongs to a list of ${state.list}, not of ${request.list}. Start again from the first page.`,
    });
  }
  const query = {
    ...request.query,
    maxResults: pageSizeFor(parameters.limit, request.pageSizes),
    pageToken: state?.pageToken,
  };
  const response = await context.client.request<GoogleItemsPage<Item>>(
    {
      method: 'GET',
      path: request.path,
      api: request.api,
      scopes: request.scopes,
      query: mergeRemoteQuery(query, context.remoteQuery, [...Object.keys(query), 'fields']),
      description: `list ${request.list}`,
    },
    context,
  );
  const nextPageToken = response.body?.nextPageToken;
  return {
    items: response.body?.items ?? [],
    nextCursor:
      nextPageToken === undefined
        ? null
        : encodeCursor(googleWorkspaceConnectorId, { list: request.list, pageToken: nextPageToken }),
  };
}

import {
  decodeCursor,
  encodeCursor,
  mergeRemoteQuery,
  type PageSizeBounds,
  pageSizeFor,
} from '@unidir/connector-utils';
import type { OperationContext, RawResourceV1 } from '@unidir/core';
import { z } from 'zod';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';

type Context = OperationContext<GoogleWorkspaceClient>;

/** The scope, paging and page size are ours; the rest of the provider query is the caller's `remote_query`. */
const reservedRawQuery = ['customer', 'domain', 'pageToken', 'maxResults'];

/** A Directory API collection served untouched, paged by its `nextPageToken` inside our signed cursor. */
function directoryCollection(
  collection: 'users' | 'groups',
  pageSizes: PageSizeBounds,
  description: string,
): RawResourceV1<GoogleWorkspaceClient> {
  const cursorSchema = z.object({ raw: z.literal(collection), pageToken: z.string() });
  return {
    providerPath: `GET /admin/directory/v1/${collection}`,
    description,
    async list(parameters, context: Context) {
      const pageToken = parameters.cursor
        ? decodeCursor(googleWorkspaceConnectorId, parameters.cursor, cursorSchema).pageToken
        : undefined;
      const response = await context.client.request<Record<string, unknown>>(
        {
          method: 'GET',
          path: [collection],
          query: mergeRemoteQuery(
            { ...context.client.listScope, maxResults: pageSizeFor(parameters.limit, pageSizes), pageToken },
            context.remoteQuery,
            reservedRawQuery,
          ),
          description: `list raw ${collection}`,
        },
        context,
      );
      const records = response.body?.[collection];
      const next = response.body?.nextPageToken;
      return {
        records: Array.isArray(records) ? (records as Array<Record<string, unknown>>) : [],
        nextCursor:
          typeof next === 'string'
            ? encodeCursor(googleWorkspaceConnectorId, { raw: collection, pageToken: next })
            : null,
      };
    },
    async get(parameters, context: Context) {
      const response = await context.client.request<Record<string, unknown>>(
        {
          method: 'GET',
          path: [collection, parameters.id],
          query: mergeRemoteQuery({}, context.remoteQuery, reservedRawQuery),
          description: `get raw ${collection}`,
        },
        context,
      );
      return response.body ?? {};
    },
  };
}

/** `/proxy/users` and `/proxy/groups`: Directory API user and group resources. */
export const googleWorkspaceRawResources = {
  users: directoryCollection('users', { default: 100, maximum: 500 }, 'Directory API user resources.'),
  groups: directoryCollection('groups', { default: 100, maximum: 200 }, 'Directory API group resources.'),
};

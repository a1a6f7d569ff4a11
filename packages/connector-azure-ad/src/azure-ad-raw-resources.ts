import {
  decodeCursor,
  deleteActionOutcome,
  deleteRequest,
  encodeCursor,
  mergeRemoteQuery,
  type ProviderRequest,
  pageSizeFor,
} from '@unidir/connector-utils';
import { type OperationContext, type RawResourceV1, wellKnownActions } from '@unidir/core';
import { z } from 'zod';
import type { AzureAdClient } from './azure-ad-client.js';
import { asEntity, asPage } from './azure-ad-graph-response.js';
import { azureAdConnectorId } from './azure-ad-settings.js';

type Context = OperationContext<AzureAdClient>;

const rawPageSizes = { default: 100, maximum: 999 };
/** The page size is `limit`'s; the rest of the provider query is the caller's `remote_query`. */
const reservedRawQuery = ['$top'];

/**
 * A Graph collection served untouched, paged by its `@odata.nextLink` inside our signed cursor. Writes
 * send the caller's body as Graph's own; Graph answers an update with 204, so it answers `{ id }`.
 */
function graphCollection(
  collection: string,
  deleteAction: string,
  description: string,
): RawResourceV1<AzureAdClient> {
  const cursorSchema = z.object({ raw: z.literal(collection), next: z.url() });
  return {
    providerPath: `GET /v1.0/${collection}`,
    description,
    async list(parameters, context: Context) {
      const request: ProviderRequest = parameters.cursor
        ? {
            method: 'GET',
            url: decodeCursor(azureAdConnectorId, parameters.cursor, cursorSchema).next,
            description: `list raw ${collection} (next page)`,
          }
        : {
            method: 'GET',
            path: [collection],
            query: mergeRemoteQuery(
              { $top: pageSizeFor(parameters.limit, rawPageSizes) },
              context.remoteQuery,
              reservedRawQuery,
            ),
            description: `list raw ${collection}`,
          };
      const page = asPage<Record<string, unknown>>(
        (await context.client.http.request(request, context)).body,
        `a ${collection} list`,
      );
      const next = page['@odata.nextLink'];
      return {
        records: page.value,
        nextCursor: next ? encodeCursor(azureAdConnectorId, { raw: collection, next }) : null,
      };
    },
    async get(parameters, context: Context) {
      const response = await context.client.http.request(
        {
          method: 'GET',
          path: [collection, parameters.id],
          query: mergeRemoteQuery({}, context.remoteQuery, reservedRawQuery),
          description: `get raw ${collection}`,
        },
        context,
      );
      return asEntity<{ id: string }>(response.body, `get ${collection}`);
    },
    async create(parameters, context: Context) {
      const response = await context.client.http.request(
        {
          method: 'POST',
          path: [collection],
          body: parameters.body,
          description: `create raw ${collection}`,
        },
        context,
      );
      return response.outcome === 'planned'
        ? {}
        : asEntity<{ id: string }>(response.body, `create ${collection}`);
    },
    async update(parameters, context: Context) {
      await context.client.http.request(
        {
          method: 'PATCH',
          path: [collection, parameters.id],
          body: parameters.body,
          description: `update raw ${collection}`,
        },
        context,
      );
      return { id: parameters.id };
    },
    async delete(parameters, context: Context) {
      const response = await context.client.http.request(
        deleteRequest([collection, parameters.id], `delete raw ${collection}`),
        context,
      );
      return {
        id: parameters.id,
        actions: [
          { action: deleteAction, target: parameters.id, outcome: deleteActionOutcome(response.outcome) },
        ],
      };
    },
  };
}

/** `/proxy/users` and `/proxy/groups`: Graph's own user and group objects. */
export const azureAdRawResources = {
  users: graphCollection(
    'users',
    wellKnownActions.softDelete,
    "Microsoft Graph user objects (Graph's default properties unless remote_query[$select] names others).",
  ),
  groups: graphCollection('groups', wellKnownActions.deleteGroup, 'Microsoft Graph group objects.'),
};

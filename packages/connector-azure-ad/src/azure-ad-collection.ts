import { decodeCursor, encodeCursor, type ProviderRequest } from '@unidir/connector-utils';
import { InvalidCursorError, type ListResult, type OperationContext, type RecordResult } from '@unidir/core';
import { z } from 'zod';
import type { AzureAdClient } from './azure-ad-client.js';
import { asPage } from './azure-ad-graph-response.js';
import { azureAdConnectorId } from './azure-ad-settings.js';

type Context = OperationContext<AzureAdClient>;

const cursorStateSchema = z.object({ collection: z.string(), next: z.url() });

/** OData options a list owns: a caller's remote_query cannot replace them. */
export const reservedCollectionQuery = ['$select', '$expand', '$top', '$skiptoken', '$skip', '$format'];

/**
 * One page of a Graph collection: the first request, or the `@odata.nextLink` a cursor carries. The cursor
 * names its collection, so a cursor of one resource's list is refused by another's.
 */
export async function listGraphCollection<Item, Unified>(
  options: {
    /** A stable name of what is listed (`roles`, `roles-of-user`...). */
    collection: string;
    cursor: string | undefined;
    first: () => ProviderRequest;
    toRecords: (items: Item[]) => Array<RecordResult<Unified>> | Promise<Array<RecordResult<Unified>>>;
  },
  context: Context,
): Promise<ListResult<Unified>> {
  let request: ProviderRequest;
  if (options.cursor) {
    const state = decodeCursor(azureAdConnectorId, options.cursor, cursorStateSchema);
    if (state.collection !== options.collection) {
      throw new InvalidCursorError({
        message: `The cursor belongs to another list (${state.collection}). Start again from the first page.`,
      });
    }
    // connector-utils refuses a link to any other origin than base_url's (DisallowedHostError).
    request = { method: 'GET', url: state.next, description: `list ${options.collection} (next page)` };
  } else {
    request = options.first();
  }
  const response = await context.client.http.request(request, context);
  const page = asPage<Item>(response.body, `a ${options.collection} list`);
  const next = page['@odata.nextLink'];
  return {
    records: await options.toRecords(page.value),
    nextCursor: next ? encodeCursor(azureAdConnectorId, { collection: options.collection, next }) : null,
  };
}

/** An OData string literal. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

import { decodeCursor, encodeCursor, mergeRemoteQuery, pageSizeFor } from '@unidir/connector-utils';
import type { OperationContext, RemoteQuery } from '@unidir/core';
import { z } from 'zod';
import type { ScimClient } from './scim-client.js';
import { asListResponse } from './scim-response.js';

type Context = OperationContext<ScimClient>;

/** What a page asks for when neither the caller nor the provider says otherwise. */
export const defaultPageSize = 100;
/** Query names the connector owns on lists: a remote_query cannot replace them. */
const reservedListQuery = ['startIndex', 'count'];

const queryValueSchema = z.union([z.string(), z.array(z.string())]);
/** The next page: its 1-based index, its size, the exact query of the first page, and the total then. */
const listCursorSchema = z
  .object({
    startIndex: z.number().int().min(1),
    count: z.number().int().min(1),
    query: z.record(z.string(), queryValueSchema),
    total: z.number().int().min(0).optional(),
  })
  .strict();
export type ScimListCursor = z.infer<typeof listCursorSchema>;

/** The caller's opaque cursor for the next page, or null after the last one. */
export function encodeListCursor(client: ScimClient, next: ScimListCursor | null): string | null {
  return next === null ? null : encodeCursor(client.integrationId, next);
}

/** One page of a startIndex/count list, and the state of the next one (null after the last). */
export async function listPage<Resource extends { id: string }>(
  path: string,
  cursor: ScimListCursor,
  context: Context,
): Promise<{ resources: Resource[]; next: ScimListCursor | null }> {
  const { client } = context;
  const response = await client.http.request(
    {
      method: 'GET',
      path: [path],
      query: { ...cursor.query, startIndex: String(cursor.startIndex), count: String(cursor.count) },
      description: `list ${path.toLowerCase()}`,
    },
    context,
  );
  const page = asListResponse<Resource>(response.body, `list ${path}`);
  // A provider that ignores `count` may answer more: keep one page's worth and continue right after it.
  const resources = page.resources.slice(0, cursor.count);
  const total = page.totalResults;
  if (cursor.total !== undefined && total !== undefined && total !== cursor.total) {
    context.logger.warn(
      { path, before: cursor.total, now: total, startIndex: cursor.startIndex },
      'the provider total changed while paging: records may shift by the difference',
    );
  }
  const nextIndex = cursor.startIndex + resources.length;
  const done = resources.length === 0 || (total !== undefined && nextIndex > total);
  const next = done ? null : { ...cursor, startIndex: nextIndex, ...(total === undefined ? {} : { total }) };
  return { resources, next };
}

/** The first page's request, or the next one from a cursor (checked before any provider call). */
export async function firstOrNextCursor(
  parameters: { limit?: number; cursor?: string },
  remoteQuery: RemoteQuery,
  filter: () => Promise<string | undefined>,
  context: Context,
): Promise<ScimListCursor> {
  if (parameters.cursor)
    return decodeCursor(context.client.integrationId, parameters.cursor, listCursorSchema);
  const connectorFilter = await filter();
  const capabilities = await context.client.capabilities(context);
  const count = pageSizeFor(parameters.limit, {
    default: defaultPageSize,
    maximum: capabilities.maxResults ?? Number.MAX_SAFE_INTEGER,
  });
  const query = mergeRemoteQuery({ filter: connectorFilter }, remoteQuery, reservedListQuery);
  return { startIndex: 1, count, query };
}

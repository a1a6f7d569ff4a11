import type { ListResult, RecordResult } from '@unidir/core';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor.js';

const offsetSchema = z.object({ offset: z.number().int().nonnegative() });
const defaultPageSize = 100;

/**
 * One page of a fixed list the connector knows without a request (Slack's account types, GitHub's base
 * org roles), within the caller's `limit`, behind a signed cursor like every other list.
 */
export function catalogueListPage<Unified>(
  connectorId: string,
  records: ReadonlyArray<RecordResult<Unified>>,
  parameters: { limit?: number; cursor?: string },
): ListResult<Unified> {
  const offset = parameters.cursor ? decodeCursor(connectorId, parameters.cursor, offsetSchema).offset : 0;
  const end = offset + (parameters.limit ?? defaultPageSize);
  return {
    records: records.slice(offset, end),
    nextCursor: end < records.length ? encodeCursor(connectorId, { offset: end }) : null,
  };
}

import { InvalidCursorError, ValidationError } from '@unidir/core';

export const defaultPageSize = 50;
export const maximumPageSize = 200;

/** `limit` of our own list endpoints: 1-200, default 50. */
export function readLimit(value: string | undefined): number {
  if (value === undefined || value === '') return defaultPageSize;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumPageSize) {
    throw new ValidationError({
      message: `limit must be an integer from 1 to ${maximumPageSize}.`,
      details: { parameter: 'limit' },
    });
  }
  return limit;
}

/** Cursors of our own lists are opaque base64url JSON; forged ones only page within the caller's tenant. */
export function encodePageCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePageCursor<Position>(cursor: string | undefined): Position | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof position !== 'object' || position === null) throw new Error('not an object');
    return position as Position;
  } catch (error) {
    throw new InvalidCursorError({ message: 'This next_cursor was not issued by this list.', cause: error });
  }
}

import { InvalidCursorError, UnsupportedParameterError, ValidationError } from '@unidir/core';
import type { z } from 'zod';

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

/** A position's shape is checked, so a forged cursor is a 400 and never reaches a query as a stray type. */
export function decodePageCursor<Position>(
  cursor: unknown,
  schema: z.ZodType<Position>,
): Position | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    if (typeof cursor !== 'string') throw new Error('not one value');
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidCursorError({ message: 'This next_cursor was not issued by this list.', cause: error });
  }
}

/** A query parameter our own routes take once: repeating it (`a=1&a=2`) is a 400, not an array downstream. */
export function readSingleQueryValue(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new ValidationError({
    code: 'repeated_parameter',
    message: `Send ${name} once.`,
    details: { parameter: name },
  });
}

/**
 * Our own lists (not Truto's) refuse a parameter they do not know, so a filter they do not have
 * (`/offboardings?status=failed`) is a 400 rather than silently the whole list.
 */
export function assertKnownQueryParameters(query: unknown, supported: readonly string[]): void {
  for (const name of Object.keys((query as Record<string, unknown> | undefined) ?? {})) {
    if (!supported.includes(name)) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported,
        reason: 'this list takes no such parameter',
      });
    }
  }
}

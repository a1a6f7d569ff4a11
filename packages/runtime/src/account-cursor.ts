import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '@unidir/core';
import { canonicalJson } from './canonical-json.js';

/** Bytes of the tag that binds a cursor to its account: enough that guessing one is hopeless. */
const tagBytes = 16;

/**
 * Binds the cursors a list hands out to the list that issued them: a cursor carries a tag keyed by the
 * host's secret over the list's scope (the integrated account, the resource and the filters) and the
 * connector's cursor. It is refused for another account (it could otherwise replay one account's
 * provider position, or link, with another's token), another resource (a users cursor must not page
 * audit events as users) or other filters (a filter given beside a cursor would be silently ignored).
 */
export interface AccountCursorBinding {
  bind(scope: string, cursor: string): string;
  /** The connector's cursor inside, or InvalidCursorError when it was issued for another list. */
  unbind(scope: string, cursor: string): string;
}

/** What a cursor is bound to: the account, the resource, and every list parameter but the page size. */
export function listScope(accountId: string, resource: string, parameters: Record<string, unknown>): string {
  const { cursor: _cursor, limit: _limit, ...filters } = parameters;
  return canonicalJson([accountId, resource, filters]);
}

export function createAccountCursorBinding(key: Buffer): AccountCursorBinding {
  const tag = (scope: string, cursor: string) =>
    createHmac('sha256', key).update(scope).update('\n').update(cursor).digest().subarray(0, tagBytes);
  return {
    bind: (scope, cursor) => `${cursor}~${tag(scope, cursor).toString('base64url')}`,
    unbind(scope, bound) {
      const separator = bound.lastIndexOf('~');
      const cursor = bound.slice(0, Math.max(separator, 0));
      const given = Buffer.from(bound.slice(separator + 1), 'base64url');
      const expected = tag(scope, cursor);
      if (separator <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidCursorError({
          message:
            'This next_cursor was not issued for this list (this integrated account, resource and filters) by this server. Start again from the first page, or give the same filters as the first page.',
        });
      }
      return cursor;
    },
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '@unidir/core';

/** Bytes of the tag that binds a cursor to its account: enough that guessing one is hopeless. */
const tagBytes = 16;

/**
 * Binds the cursors a list hands out to the integrated account that issued them: a cursor carries a tag
 * keyed by the host's secret over the account id and the connector's cursor, and is refused for any other
 * account (it could otherwise replay one account's provider position, or link, with another's token).
 */
export interface AccountCursorBinding {
  bind(accountId: string, cursor: string): string;
  /** The connector's cursor inside, or InvalidCursorError when it was issued for another account. */
  unbind(accountId: string, cursor: string): string;
}

export function createAccountCursorBinding(key: Buffer): AccountCursorBinding {
  const tag = (accountId: string, cursor: string) =>
    createHmac('sha256', key).update(accountId).update('\n').update(cursor).digest().subarray(0, tagBytes);
  return {
    bind: (accountId, cursor) => `${cursor}~${tag(accountId, cursor).toString('base64url')}`,
    unbind(accountId, bound) {
      const separator = bound.lastIndexOf('~');
      const cursor = bound.slice(0, Math.max(separator, 0));
      const given = Buffer.from(bound.slice(separator + 1), 'base64url');
      const expected = tag(accountId, cursor);
      if (separator <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidCursorError({
          message:
            'This next_cursor was not issued for this integrated account by this server. Start again from the first page.',
        });
      }
      return cursor;
    },
  };
}

import { decodeCursor, encodeCursor, type ProviderRequest, parseLinkHeader } from '@unidir/connector-utils';
import { InvalidCursorError } from '@unidir/core';
import { z } from 'zod';
import { oktaConnectorId } from './okta-settings.js';

/** Which list a cursor continues: a users cursor given to groups.list would otherwise list users as groups. */
export type OktaPagedList = 'users' | 'groups';

const cursorStateSchema = z.object({ list: z.enum(['users', 'groups']), next: z.url() });

/** The page after this one, as Okta's `Link: <…after=…>; rel="next"` names it, inside our signed cursor. */
export function nextCursorOf(headers: Record<string, string>, list: OktaPagedList): string | null {
  const next = parseLinkHeader(headers.link).next;
  return next ? encodeCursor(oktaConnectorId, { list, next }) : null;
}

/** The request for the page a cursor names (connector-utils refuses a link to another origin than base_url's). */
export function nextPageRequest(cursor: string, list: OktaPagedList): ProviderRequest {
  const state = decodeCursor(oktaConnectorId, cursor, cursorStateSchema);
  if (state.list !== list) {
    throw new InvalidCursorError({
      message: `The cursor is not valid: it continues a ${state.list} list, not ${list}.`,
    });
  }
  return { method: 'GET', url: state.next, description: `list ${list} (next page)` };
}

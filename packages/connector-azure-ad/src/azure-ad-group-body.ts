import { assertWritableFields } from '@unidir/connector-utils';
import { type GroupWrite, UnsupportedParameterError, ValidationError } from '@unidir/core';
import { mailNicknameOf } from './azure-ad-mail-nickname.js';

/** The unified body fields Graph can store on a group; anything else is refused rather than dropped. */
export const writableGroupFields = ['name', 'description', 'group_type', 'emails', 'remote_data'] as const;

/** Graph creates only these two kinds; mail-enabled security and distribution groups belong to Exchange. */
const creatableGroupTypes = ['security', 'microsoft_365'] as const;

function refuse(parameter: string, reason: string): never {
  throw new UnsupportedParameterError({ parameter, supported: [...writableGroupFields], reason });
}

function groupKind(groupType: string | undefined): Record<string, unknown> {
  if (groupType === undefined || groupType === 'security') {
    return { mailEnabled: false, securityEnabled: true, groupTypes: [] };
  }
  if (groupType === 'microsoft_365')
    return { mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] };
  return refuse(
    'group_type',
    `Graph creates ${creatableGroupTypes.join(' and ')} groups only; mail-enabled security and distribution groups are made in Exchange Online`,
  );
}

/**
 * Unified group fields -> Graph group properties, for `POST /groups` (create) or `PATCH /groups/{id}`
 * (update). Create needs what Graph requires: displayName, mailNickname (the primary email's local part,
 * else derived from the name), mailEnabled and securityEnabled (from group_type, security by default).
 * `remote_data` holds raw Graph properties and is applied last, as the caller wrote it.
 */
export function toGraphGroupBody(
  body: Partial<GroupWrite>,
  mode: 'create' | 'update',
): Record<string, unknown> {
  assertWritableFields(body, writableGroupFields, {
    reason: 'Microsoft Graph does not let this connector set it on a group',
  });
  const graph: Record<string, unknown> = {};
  if (body.name !== undefined) graph.displayName = body.name;
  if (body.description !== undefined) graph.description = body.description;
  if (mode === 'update') {
    if (body.group_type !== undefined)
      refuse('group_type', 'Graph cannot change the kind of an existing group');
    if (body.emails !== undefined) {
      refuse('emails', "Graph derives a group's addresses from Exchange; they cannot be changed here");
    }
  } else {
    if (typeof graph.displayName !== 'string' || graph.displayName === '') {
      throw new ValidationError({ message: 'Creating a group needs name.', code: 'invalid_body' });
    }
    Object.assign(graph, groupKind(body.group_type));
    if (body.emails !== undefined && body.emails.length > 0 && graph.mailEnabled !== true) {
      refuse('emails', 'only microsoft_365 groups have an email address');
    }
    if ((body.emails?.length ?? 0) > 1) refuse('emails', 'a new group has one primary address');
    const primary = body.emails?.[0]?.email;
    graph.mailNickname =
      primary === undefined
        ? mailNicknameOf(graph.displayName, 'name')
        : mailNicknameOf(primary.split('@')[0] ?? '', 'The email');
  }
  return body.remote_data ? { ...graph, ...body.remote_data } : graph;
}

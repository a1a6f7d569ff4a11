import { assertWritableFields } from '@unidir/connector-utils';
import type { GroupWrite } from '@unidir/core';
import { UnsupportedParameterError, ValidationError } from '@unidir/core';

/** The unified group fields groups.insert and groups.patch can set. */
export const writableGroupFields = ['name', 'description', 'emails', 'group_type', 'remote_data'] as const;

/** A Google group has one address; aliases are a separate API the connector does not write. */
function emailOf(write: Partial<GroupWrite>): string | undefined {
  if (write.emails === undefined) return undefined;
  if (write.emails.length !== 1) {
    throw new UnsupportedParameterError({
      parameter: 'body.emails',
      supported: ['one email'],
      reason: 'a Google group has one address (aliases are managed through the aliases API)',
    });
  }
  return write.emails[0]?.email;
}

/** Turns a unified group write into a groups.insert/groups.patch body; `remote_data` is merged, unified fields win. */
export function toGoogleGroupBody(write: Partial<GroupWrite>): Record<string, unknown> {
  assertWritableFields(write, writableGroupFields, {
    reason: 'Google Workspace cannot set this field through groups.insert or groups.patch',
    parameterPrefix: 'body.',
  });
  if (write.group_type !== undefined && write.group_type !== 'group') {
    throw new UnsupportedParameterError({
      parameter: 'body.group_type',
      supported: ['group'],
      reason: 'every Google Workspace group is of type group',
    });
  }
  const body: Record<string, unknown> = { ...write.remote_data };
  if (write.name !== undefined) body.name = write.name;
  if (write.description !== undefined) body.description = write.description;
  const email = emailOf(write);
  if (email !== undefined) body.email = email;
  return body;
}

export function requireGroupEmail(body: Record<string, unknown>): void {
  if (typeof body.email !== 'string' || body.email === '') {
    throw new ValidationError({
      message: 'Google Workspace needs the group address (emails: [{email}]) to create a group.',
      code: 'missing_required_fields',
      details: { fields: ['emails'] },
    });
  }
}

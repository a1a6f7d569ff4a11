import {
  type AnyUserDirectoryConnectorV1,
  type DeleteUserParameters,
  type ListResult,
  NotFoundError,
  UnidirError,
  type UnifiedUser,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';

export type ListUsers = (parameters: Record<string, unknown>) => Promise<ListResult<UnifiedUser>>;

/**
 * `DELETE /users?emails[0][email]=...` without an id is answered where a connector can find users by
 * email (`users.list` declares `email`) and says what emails mean on delete (`users.delete` declares
 * `emails`). Anything else is refused before any provider call.
 */
export function assertDeletesByEmail(connector: AnyUserDirectoryConnectorV1, emails: unknown): void {
  if (emails === undefined) {
    throw new ValidationError({
      code: 'missing_parameter',
      message:
        'Name the user to delete: DELETE /unified/user-directory/users/{id}, or ?emails[0][email]=... where the integration finds users by email.',
      details: { parameter: 'id' },
    });
  }
  const findsByEmail = connector.manifest.users?.list?.parameters.email !== undefined;
  const deletesByEmail = connector.manifest.users?.delete?.parameters.emails !== undefined;
  if (!findsByEmail || !deletesByEmail || typeof connector.users?.list !== 'function') {
    throw new UnsupportedParameterError({
      parameter: 'emails',
      supported: [],
      message: `The ${connector.id} connector cannot find the user to delete by email; give the user id in the path.`,
    });
  }
}

/**
 * Whether a unified record carries this email address (case-insensitively). A provider may ignore a
 * filter it does not understand and list someone else: only a record that shows the address counts as a
 * match, and a record without emails never does.
 */
export function recordHasEmail(record: { emails?: unknown }, address: string): boolean {
  const wanted = address.toLowerCase();
  return (
    Array.isArray(record.emails) &&
    record.emails.some(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { email?: unknown }).email === 'string' &&
        (entry as { email: string }).email.toLowerCase() === wanted,
    )
  );
}

/**
 * The one user whose emails include every address given. Zero matches is 404 and several is 409 with the
 * candidates: never a guess, and nothing is changed in either case.
 */
export async function resolveUserIdByEmail(
  emails: NonNullable<DeleteUserParameters['emails']>,
  listUsers: ListUsers,
): Promise<string> {
  const addresses = [...new Set(emails.map((entry) => entry.email.toLowerCase()))];
  let candidates: Set<string> | undefined;
  for (const address of addresses) {
    const page = await listUsers({ email: address, limit: 10 });
    const ids = page.records
      .filter((record) => recordHasEmail(record.unified, address))
      .map((record) => record.unified.id);
    candidates = new Set(candidates ? ids.filter((id) => candidates?.has(id)) : ids);
  }
  const found = [...(candidates ?? [])];
  if (found.length === 1 && found[0] !== undefined) return found[0];
  if (found.length === 0) {
    throw new NotFoundError({
      message: `No user has the email ${addresses.join(' and ')}; nothing was deleted.`,
      resource: 'users',
    });
  }
  throw new UnidirError({
    code: 'ambiguous_user',
    httpStatus: 409,
    message: `${found.length} users have the email ${addresses.join(' and ')}; nothing was deleted. Delete one of them by id.`,
    details: { candidates: found },
  });
}

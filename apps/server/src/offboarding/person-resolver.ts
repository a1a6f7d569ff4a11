import type { CapabilityManifest } from '@unidir/core';
import { recordHasEmail } from '@unidir/runtime';
import type { AccountCall } from './account-calls.js';
import type { FoundUser } from './offboarding-types.js';

export type Resolution =
  | { kind: 'resolved'; user: FoundUser }
  | { kind: 'not_found'; reason: string }
  | { kind: 'ambiguous'; reason: string; candidates: FoundUser[] }
  | { kind: 'needs_input'; reason: string };

/** More than one match is already ambiguous; a few more make the candidates useful to a human. */
const candidateLimit = 10;

export function canFindByEmail(manifest: CapabilityManifest): boolean {
  return manifest.users?.list?.parameters.email !== undefined && manifest.users.delete !== undefined;
}

function foundUser(record: Record<string, unknown>): FoundUser {
  const emails = Array.isArray(record.emails)
    ? record.emails.flatMap((entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { email?: unknown }).email === 'string'
          ? [(entry as { email: string }).email]
          : [],
      )
    : [];
  return {
    id: String(record.id),
    ...(typeof record.name === 'string' ? { name: record.name } : {}),
    emails,
  };
}

/**
 * Finds the person in one account with the connector's email filter. Never guesses: no match or several
 * distinct users (over all the person's emails) resolve to nothing.
 */
export async function resolvePerson(
  call: AccountCall,
  manifest: CapabilityManifest,
  integration: string,
  emails: readonly string[],
): Promise<Resolution> {
  if (!canFindByEmail(manifest)) {
    return {
      kind: 'needs_input',
      reason: `${integration} cannot look users up by email (its manifest declares no email filter on users.list, or no users.delete); name the user: person.accounts = {"<account id>": "<user id>"}.`,
    };
  }
  const found = new Map<string, FoundUser>();
  let more = false;
  for (const email of emails) {
    const { body } = await call({ method: 'list', query: { email, limit: String(candidateLimit) } });
    const records = Array.isArray(body.result) ? (body.result as Record<string, unknown>[]) : [];
    // Only records that show the address: a provider that ignores the filter must not name someone else.
    for (const record of records.filter((each) => recordHasEmail(each, email))) {
      found.set(String(record.id), foundUser(record));
    }
    if (body.next_cursor) more = true;
  }
  const candidates = [...found.values()];
  if (candidates.length === 0) {
    return { kind: 'not_found', reason: `No user with ${emails.join(' or ')}; nothing was changed here.` };
  }
  if (candidates.length > 1 || more) {
    return {
      kind: 'ambiguous',
      reason: `${more ? `More than ${candidates.length}` : candidates.length} users match ${emails.join(' or ')}; nothing was changed here. Name the one to offboard: person.accounts = {"<account id>": "<user id>"}.`,
      candidates,
    };
  }
  return { kind: 'resolved', user: candidates[0] as FoundUser };
}

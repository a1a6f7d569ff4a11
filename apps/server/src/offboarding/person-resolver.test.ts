import type { CapabilityManifest } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import type { AccountCall } from './account-calls.js';
import { resolvePerson } from './person-resolver.js';

const findsByEmail: CapabilityManifest = {
  users: {
    list: { parameters: { email: {} }, fields: {} },
    delete: { parameters: {}, fields: {} },
  },
};

/** A provider answering every list with these users, whatever the email filter says. */
function listing(users: Array<{ id: string; emails?: Array<{ email: string }> }>): AccountCall {
  return async () =>
    ({ status: 200, body: { result: users, next_cursor: null }, providerCalls: [] }) as never;
}

describe('resolvePerson', () => {
  it('finds the one user who has the email, case-insensitively', async () => {
    const resolution = await resolvePerson(
      listing([{ id: 'u1', emails: [{ email: 'Alice@Acme.test' }] }]),
      findsByEmail,
      'scim',
      ['alice@acme.test'],
    );
    expect(resolution).toMatchObject({ kind: 'resolved', user: { id: 'u1' } });
  });

  it('never takes a user the provider listed without that email (a filter it ignored)', async () => {
    const resolution = await resolvePerson(
      listing([{ id: 'u1', emails: [{ email: 'e@x.co' }] }, { id: 'u2' }]),
      findsByEmail,
      'scim',
      ['victim@x.co'],
    );
    expect(resolution.kind).toBe('not_found');
  });

  it('is ambiguous when two users have the email', async () => {
    const resolution = await resolvePerson(
      listing([
        { id: 'u1', emails: [{ email: 'shared@x.co' }] },
        { id: 'u2', emails: [{ email: 'shared@x.co' }] },
      ]),
      findsByEmail,
      'scim',
      ['shared@x.co'],
    );
    expect(resolution).toMatchObject({ kind: 'ambiguous', candidates: [{ id: 'u1' }, { id: 'u2' }] });
  });
});

import { deleteUserParametersSchema } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import type { ScimDeleteUserParameters } from './scim-delete.js';
import { providerKinds, type ScimHarness, startHarness } from './scim-test-harness.js';

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; httpStatus: number; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

function remove(harness: ScimHarness, parameters: ScimDeleteUserParameters) {
  return harness.connector.users!.delete!(parameters as never, harness.context());
}

function seededUser(harness: ScimHarness, index: number) {
  const user = [...harness.store.users()][index];
  if (!user) throw new Error(`no user ${index}`);
  return { id: user.id, email: user.emails?.[0]?.value as string };
}

/** Two users answer to one address: user `second` gets user `first`'s email as a secondary email. */
function shareEmail(harness: ScimHarness, first: number, second: number): string {
  const shared = seededUser(harness, first).email;
  const other = [...harness.store.users()][second]!;
  harness.store.replaceUser(other.id, {
    ...other,
    emails: [...(other.emails ?? []), { value: shared, type: 'other' }],
  });
  return shared;
}

for (const kind of providerKinds) {
  describe(`deletes by email against ${kind}`, () => {
    it('finds the one user with the email when no id is given, and deactivates only that user', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 3);
        // RFC 7643 makes emails.value case-insensitive; scimmy 1.3.5 compares exactly, so it gets the exact case.
        const asked = kind === 'our fake' ? target.email.toUpperCase() : target.email;
        const result = await remove(harness, { emails: [{ email: asked }] });
        expect(result.id).toBe(target.id);
        expect(result.actions).toEqual([{ action: 'deactivate', target: target.id, outcome: 'done' }]);
        expect(result.user?.unified.id).toBe(target.id);
        expect(harness.calls()).toEqual(['GET /scim/v2/Users', `PATCH /scim/v2/Users/${target.id}`]);
        expect(
          harness.server.journal.entries.find(
            (entry) => entry.method === 'GET' && entry.path === '/scim/v2/Users',
          )?.query.filter,
        ).toBe(`emails.value eq ${JSON.stringify(asked)}`);
        expect(harness.store.userById(target.id)?.active).toBe(false);
        expect(
          [...harness.store.users()].filter((user) => user.active === false).map((user) => user.id),
        ).not.toContain(seededUser(harness, 4).id);
      } finally {
        await harness.close();
      }
    });

    it('sends nothing again to a user named by email who is already inactive', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 5);
        await remove(harness, { emails: [{ email: target.email }] });
        const callsAfterFirst = harness.calls().length;
        const again = await remove(harness, { emails: [{ email: target.email }] });
        expect(again.actions).toEqual([{ action: 'deactivate', target: target.id, outcome: 'already_done' }]);
        expect(harness.calls().slice(callsAfterFirst)).toEqual(['GET /scim/v2/Users']);
      } finally {
        await harness.close();
      }
    });

    it('answers 404 for an email no user has, changing nothing', async () => {
      const harness = await startHarness(kind);
      try {
        const error = await rejection(remove(harness, { emails: [{ email: 'nobody@unidir.test' }] }));
        expect(error.code).toBe('not_found');
        expect(error.httpStatus).toBe(404);
        expect(harness.writes()).toEqual([]);
      } finally {
        await harness.close();
      }
    });

    it('answers 404 when one of several emails names nobody, even if another names a user', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 3);
        const error = await rejection(
          remove(harness, { emails: [{ email: target.email }, { email: 'nobody@unidir.test' }] }),
        );
        expect(error.code).toBe('not_found');
        expect(harness.writes()).toEqual([]);
      } finally {
        await harness.close();
      }
    });

    it('answers 409 listing the candidates when several users have the email, changing nothing', async () => {
      const harness = await startHarness(kind);
      try {
        const shared = shareEmail(harness, 2, 5);
        harness.server.journal.clear();
        const error = await rejection(remove(harness, { emails: [{ email: shared }], permanent: true }));
        expect(error.code).toBe('ambiguous_email');
        expect(error.httpStatus).toBe(409);
        expect(error.details?.candidate_ids).toEqual(
          expect.arrayContaining([seededUser(harness, 2).id, seededUser(harness, 5).id]),
        );
        expect(harness.writes()).toEqual([]);
        expect(harness.store.userById(seededUser(harness, 2).id)).toBeDefined();
      } finally {
        await harness.close();
      }
    });

    it('with an id, refuses an email that is not that user’s (409), changing nothing', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 1);
        const error = await rejection(
          remove(harness, { id: target.id, emails: [{ email: seededUser(harness, 2).email }] }),
        );
        expect(error.code).toBe('email_mismatch');
        expect(error.httpStatus).toBe(409);
        expect(harness.calls()).toEqual([`GET /scim/v2/Users/${target.id}`]);
        expect(harness.store.userById(target.id)?.active).toBe(true);
      } finally {
        await harness.close();
      }
    });

    it('permanently deletes the user named by email with exactly one DELETE', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 6);
        const result = await remove(harness, { id: '', emails: [{ email: target.email }], permanent: true });
        expect(result.actions).toEqual([{ action: 'permanent_delete', target: target.id, outcome: 'done' }]);
        expect(harness.writes()).toEqual([`DELETE /scim/v2/Users/${target.id}`]);
        expect(harness.store.userById(target.id)).toBeUndefined();
      } finally {
        await harness.close();
      }
    });

    it('removes the user named by email from a group by PATCH, leaving the user', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 1);
        const [groupId] = harness.store.groupIdsOfUser(target.id);
        const result = await remove(harness, { emails: [{ email: target.email }], group_id: groupId });
        expect(result.actions).toEqual([{ action: 'remove_from_group', target: groupId, outcome: 'done' }]);
        expect(harness.writes()).toEqual([`PATCH /scim/v2/Groups/${groupId}`]);
        expect(harness.store.groupIdsOfUser(target.id)).not.toContain(groupId);
        expect(harness.store.userById(target.id)?.active).toBe(true);
      } finally {
        await harness.close();
      }
    });

    it('plans, and does not send, the write of a dry run by email', async () => {
      const harness = await startHarness(kind);
      try {
        const target = seededUser(harness, 3);
        const result = await harness.connector.users!.delete!(
          { emails: [{ email: target.email }] } as never,
          harness.context({ dryRun: true }),
        );
        expect(result.actions).toEqual([{ action: 'deactivate', target: target.id, outcome: 'planned' }]);
        expect(harness.writes()).toEqual([]);
      } finally {
        await harness.close();
      }
    });
  });
}

describe('delete parameters', () => {
  it('refuses a delete naming no user (no id, no emails) before any provider call', async () => {
    const harness = await startHarness('our fake');
    try {
      const error = await rejection(remove(harness, { id: '' }));
      expect(error.code).toBe('missing_parameter');
      expect(harness.server.journal.entries).toEqual([]);
    } finally {
      await harness.close();
    }
  });

  it('accepts core’s parsed emails[] (the wire form emails[0][email]=...)', () => {
    const parsed = deleteUserParametersSchema.safeParse({
      id: 'x',
      emails: [{ email: 'a@b.test', is_primary: 'true' }],
    });
    expect(parsed.success && parsed.data.emails?.[0]).toEqual({ email: 'a@b.test', is_primary: true });
  });
});

describe('a provider without PATCH', () => {
  it('deactivates with a PUT of the whole user as read just before, keeping every other attribute', async () => {
    const harness = await startHarness('our fake', { patchSupported: false });
    try {
      const target = seededUser(harness, 2);
      const before = harness.store.userById(target.id)!;
      const result = await remove(harness, { id: target.id });
      expect(result.actions).toEqual([{ action: 'deactivate', target: target.id, outcome: 'done' }]);
      expect(harness.calls()).toEqual([`GET /scim/v2/Users/${target.id}`, `PUT /scim/v2/Users/${target.id}`]);
      const sent = harness.server.journal.entries.find((entry) => entry.method === 'PUT')?.body as Record<
        string,
        unknown
      >;
      expect(sent.active).toBe(false);
      expect(sent.userName).toBe(before.userName);
      expect(sent.emails).toEqual(before.emails);
      const after = harness.store.userById(target.id)!;
      expect({ ...after, active: true, meta: undefined }).toEqual({ ...before, meta: undefined });
    } finally {
      await harness.close();
    }
  });

  it('reads the user once when emails[] named it, then PUTs', async () => {
    const harness = await startHarness('our fake', { patchSupported: false });
    try {
      const target = seededUser(harness, 4);
      await remove(harness, { emails: [{ email: target.email }] });
      expect(harness.calls()).toEqual(['GET /scim/v2/Users', `PUT /scim/v2/Users/${target.id}`]);
    } finally {
      await harness.close();
    }
  });

  it('refuses a group removal rather than PUT the member list', async () => {
    const harness = await startHarness('our fake', { patchSupported: false });
    try {
      const target = seededUser(harness, 1);
      const [groupId] = harness.store.groupIdsOfUser(target.id);
      const error = await rejection(remove(harness, { id: target.id, group_id: groupId }));
      expect(error.code).toBe('provider_patch_unsupported');
      expect(harness.writes()).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});

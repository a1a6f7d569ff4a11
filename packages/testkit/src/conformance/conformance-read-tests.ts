import { type RecordResult, type UnifiedUser, unifiedUserSchema } from '@unidir/core';
import { expect, it } from 'vitest';
import { type HarnessAccess, listAllUsers, rejectionOf } from './conformance-assertions.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';
import { declaredTopLevelFields, fieldsNeverReturned } from './manifest-checks.js';

/** A record as the host serves it: its `remote_data` is the `raw` record the connector returned. */
function asServed(record: RecordResult<UnifiedUser>): Record<string, unknown> {
  return { ...record.unified, remote_data: record.raw };
}

/** Reading: pagination to the end, get, not-found, and that declared fields are really returned. */
export function registerReadTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  const pageSize = options.listPageSize ?? 5;
  const manifest = options.connector.manifest.users;
  const listParameters = Object.keys(manifest?.list?.parameters ?? {});

  it('lists every seeded user exactly once across pages, with no gaps, ending with a null cursor', async () => {
    const { directory, unifiedUserId } = harness();
    const { records, pages } = await listAllUsers(harness(), pageSize);
    const ids = records.map((record) => record.unified.id);
    const duplicates = ids.filter((id, position) => ids.indexOf(id) !== position);
    expect(duplicates, 'users listed twice').toEqual([]);
    const expected = [...directory.iterateUsers()].map(unifiedUserId);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / pageSize));
  });

  it('returns list records that match the UnifiedUser schema, with the raw provider record', async () => {
    const { records } = await listAllUsers(harness(), pageSize);
    for (const record of records) {
      const result = unifiedUserSchema.safeParse(record.unified);
      expect(result.success, `user ${record.unified.id}: ${result.error?.message}`).toBe(true);
      expect(record.raw).toBeDefined();
    }
  });

  it('returns, for users.list, every field its manifest declares (on at least one seeded user)', async () => {
    const { records } = await listAllUsers(harness(), pageSize);
    const unified = records.map(asServed);
    expect(fieldsNeverReturned(declaredTopLevelFields(manifest?.list), unified)).toEqual([]);
  });

  it('refuses a cursor it did not issue with InvalidCursorError, before any provider call', async () => {
    harness().server.journal.clear();
    const forged = Buffer.from(JSON.stringify({ v: 1, url: 'https://attacker.test/users' })).toString(
      'base64url',
    );
    for (const cursor of ['not-a-cursor', forged]) {
      const error = await rejectionOf(harness().listUsers({ limit: pageSize, cursor }));
      expect(error.code).toBe('invalid_cursor');
      expect(error.httpStatus).toBe(400);
    }
    expect(harness().providerRequests()).toEqual([]);
  });

  it.runIf(listParameters.includes('email'))('filters users.list by email to exactly that user', async () => {
    const user = harness().seedUser(4);
    const { records } = await listAllUsers(harness(), pageSize, { email: user.email });
    expect(records.map((record) => record.unified.id)).toEqual([harness().unifiedUserId(user)]);
  });

  it.runIf(listParameters.includes('group_id'))(
    'filters users.list by group_id to exactly its members',
    async () => {
      const { directory, unifiedUserId, unifiedGroupId } = harness();
      const group = directory.groupById(directory.groupIdsOfUser(harness().seedUser(1).id)[0] ?? '');
      if (!group)
        throw new Error('The fixture seeded user 1 into no group; keep the SeededDirectory membership rule.');
      const expected = directory
        .memberIdsOfGroup(group.id)
        .map((memberId) => unifiedUserId(directory.userById(memberId)!));
      const { records } = await listAllUsers(harness(), pageSize, { group_id: unifiedGroupId(group) });
      expect(records.map((record) => record.unified.id).sort()).toEqual(expected.sort());
    },
  );

  it('gets a seeded user by id, matching the directory', async () => {
    const { seedUser, unifiedUserId } = harness();
    const user = seedUser(3);
    const record = await harness().getUser(unifiedUserId(user));
    expect(record.unified.id).toBe(unifiedUserId(user));
    expect(unifiedUserSchema.safeParse(record.unified).success).toBe(true);
    if (declaredTopLevelFields(manifest?.get).includes('emails')) {
      const emails = record.unified.emails?.map((email) => email.email.toLowerCase());
      expect(emails).toContain(user.email.toLowerCase());
    }
  });

  it('returns, for users.get, every field its manifest declares (on at least one of six seeded users)', async () => {
    const { seedUser, unifiedUserId } = harness();
    const records = [];
    for (let index = 0; index < 6; index++)
      records.push(await harness().getUser(unifiedUserId(seedUser(index))));
    const unified = records.map(asServed);
    expect(fieldsNeverReturned(declaredTopLevelFields(manifest?.get), unified)).toEqual([]);
  });

  it('answers a get of an unknown id with NotFoundError', async () => {
    const error = await rejectionOf(harness().getUser(harness().unknownUserId()));
    expect(error.code).toBe('not_found');
    expect(error.httpStatus).toBe(404);
  });
}

import type { ProviderCallRecord } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

/** A seeded non-admin user (index 1), one of its groups, and the seeded admin (index 0). */
async function start(connectorOptions: Parameters<typeof startHarness>[1] = {}) {
  harness = await startHarness({ users: 20 }, { purgeNotFoundDelaysMs: [20, 40, 80], ...connectorOptions });
  const [admin, user] = harness.fake.directory.listUsers({ offset: 0, limit: 2 }).users;
  const groupId = harness.fake.directory.groupIdsOfUser(user!.id)[0]!;
  // Take the token request out of the journal before each exact-call check.
  await harness.users.get!({ id: user!.id }, harness.context());
  harness.fake.server.journal.clear();
  return { ...harness, userId: user!.id, adminId: admin!.id, groupId };
}

const notFound = {
  error: {
    code: 'Request_ResourceNotFound',
    message: 'Resource does not exist or one of its queried reference-property objects are not present.',
  },
};

describe('users.delete: every option makes exactly its Graph calls, once', () => {
  it('default: soft delete, restorable from deleted items', async () => {
    const { users, context, journal, fake, userId } = await start();
    const result = await users.delete!({ id: userId }, context());
    expect(journal()).toEqual([`DELETE /v1.0/users/${userId}`]);
    expect(result).toEqual({
      id: userId,
      actions: [{ action: 'soft_delete', target: userId, outcome: 'done' }],
    });
    expect(fake.directory.isDeleted(userId)).toBe(true);
    expect(fake.directory.userById(userId, { includeDeleted: true })).toBeDefined();
  });

  it('permanent=true: soft delete, then purge from deleted items', async () => {
    const { users, context, journal, fake, userId } = await start();
    const result = await users.delete!({ id: userId, permanent: true }, context());
    expect(journal()).toEqual([
      `DELETE /v1.0/users/${userId}`,
      `DELETE /v1.0/directory/deletedItems/${userId}`,
    ]);
    expect(result.actions).toEqual([
      { action: 'soft_delete', target: userId, outcome: 'done' },
      { action: 'permanent_delete', target: userId, outcome: 'done' },
    ]);
    expect(fake.directory.userById(userId, { includeDeleted: true })).toBeUndefined();
  });

  it('permanent=true repeats only the purge when deleted items do not show the user yet (replication lag)', async () => {
    const { users, context, journal, fake, userId, logger } = await start();
    fake.server.injectFault({
      route: 'deletedItems.delete',
      nth: [1, 2],
      fault: { kind: 'status', status: 404, body: notFound },
    });
    const started = Date.now();
    const result = await users.delete!({ id: userId, permanent: true }, context());
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(journal()).toEqual([
      `DELETE /v1.0/users/${userId}`,
      `DELETE /v1.0/directory/deletedItems/${userId}`,
      `DELETE /v1.0/directory/deletedItems/${userId}`,
      `DELETE /v1.0/directory/deletedItems/${userId}`,
    ]);
    expect(result.actions.map((action) => action.outcome)).toEqual(['done', 'done']);
    expect(
      logger.lines.filter((line) => line.message === 'deleted item not found yet; retrying purge'),
    ).toHaveLength(2);
  });

  it('permanent=true says the purge is incomplete when the lag outlasts its retries, and a repeat finishes it', async () => {
    const { users, context, journal, fake, userId } = await start();
    fake.server.injectFault({
      route: 'deletedItems.delete',
      times: 4,
      fault: { kind: 'status', status: 404, body: notFound },
    });
    const error = await users.delete!({ id: userId, permanent: true }, context()).catch((caught) => caught);
    expect(error).toMatchObject({
      code: 'permanent_delete_incomplete',
      isRetryable: true,
      details: { actions: [{ action: 'soft_delete', target: userId, outcome: 'done' }] },
    });
    expect(journal().filter((line) => line.includes('deletedItems'))).toHaveLength(4);
    expect(fake.directory.isDeleted(userId)).toBe(true);

    fake.server.clearFaults();
    fake.server.journal.clear();
    const repeated = await users.delete!({ id: userId, permanent: true }, context());
    expect(journal()).toEqual([
      `DELETE /v1.0/users/${userId}`,
      `DELETE /v1.0/directory/deletedItems/${userId}`,
    ]);
    expect(repeated.actions.map((action) => action.outcome)).toEqual(['already_done', 'done']);
    expect(fake.directory.userById(userId, { includeDeleted: true })).toBeUndefined();
  });

  it('a retry after permanent_delete_incomplete (same Idempotency-Key) never reports a purge that did not happen', async () => {
    const { users, context, fake, userId } = await start();
    // The first attempt soft-deletes, then deleted items lag longer than the purge's retries: 502
    // permanent_delete_incomplete, which is retryable, so the host stores the key as outcome_unknown.
    fake.server.injectFault({
      route: 'deletedItems.delete',
      times: 8,
      fault: { kind: 'status', status: 404, body: notFound },
    });
    await expect(users.delete!({ id: userId, permanent: true }, context())).rejects.toMatchObject({
      code: 'permanent_delete_incomplete',
    });
    // The caller repeats with the same key, as the error tells it to; the lag still lasts. The purge's 404 now
    // proves nothing (replication lag, not an earlier purge): the user is still restorable from deleted items.
    const repeated = await users.delete!(
      { id: userId, permanent: true },
      context({ earlierAttemptMayHaveActed: true }),
    ).catch((caught) => caught);
    expect(fake.directory.userById(userId, { includeDeleted: true })).toBeDefined();
    expect(repeated).not.toMatchObject({
      actions: [expect.anything(), { action: 'permanent_delete', outcome: 'already_done' }],
    });
  });

  it.each([
    [
      'remove_from=group + remove_from_id',
      (groupId: string) => ({ remove_from: 'group' as const, remove_from_id: groupId }),
    ],
    ['group_id', (groupId: string) => ({ group_id: groupId })],
    [
      'both naming the same group',
      (groupId: string) => ({ group_id: groupId, remove_from: 'group' as const, remove_from_id: groupId }),
    ],
  ])('%s: only DELETE /groups/{g}/members/{id}/$ref, the user stays', async (_name, parameters) => {
    const { users, context, journal, fake, userId, groupId } = await start();
    const result = await users.delete!({ id: userId, ...parameters(groupId) }, context());
    expect(journal()).toEqual([`DELETE /v1.0/groups/${groupId}/members/${userId}/$ref`]);
    expect(result.actions).toEqual([{ action: 'remove_from_group', target: groupId, outcome: 'done' }]);
    expect(fake.directory.userById(userId)).toBeDefined();
    expect(fake.directory.groupIdsOfUser(userId)).not.toContain(groupId);
  });

  it('a membership removal retried after a lost answer reports already_done, never a second removal', async () => {
    const { users, context, journal, fake, userId, groupId } = await start({
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    fake.server.injectFault({
      route: 'groups.members.remove',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 503 },
    });
    const result = await users.delete!({ id: userId, group_id: groupId }, context());
    expect(journal()).toEqual([
      `DELETE /v1.0/groups/${groupId}/members/${userId}/$ref`,
      `DELETE /v1.0/groups/${groupId}/members/${userId}/$ref`,
    ]);
    // Graph answers the repeat of a removal that took effect with 400 "removed object references do not exist".
    expect(fake.server.journal.forRoute('groups.members.remove').map((entry) => entry.status)).toEqual([
      503, 400,
    ]);
    expect(result.actions).toEqual([
      { action: 'remove_from_group', target: groupId, outcome: 'already_done' },
    ]);
  });

  it('product=azure_active_directory is this product: a plain soft delete', async () => {
    const { users, context, journal, userId } = await start();
    await users.delete!({ id: userId, product: 'azure_active_directory' }, context());
    expect(journal()).toEqual([`DELETE /v1.0/users/${userId}`]);
  });

  it('user_type reads the user, never the SKUs, even before anything warmed the cache', async () => {
    harness = await startHarness({ users: 20 });
    const [, user] = harness.fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const result = await harness.users.delete!({ id: user!.id, user_type: 'end_user' }, harness.context());
    expect(harness.journal()).toEqual([`GET /v1.0/users/${user!.id}`, `DELETE /v1.0/users/${user!.id}`]);
    expect(result.user?.unified.licenses).toEqual([{ id: expect.any(String) }]);
  });

  it('user_type is verified by a read first; a mismatch deletes nothing', async () => {
    const { users, context, journal, fake, userId, adminId } = await start();
    await expect(users.delete!({ id: userId, user_type: 'admin' }, context())).rejects.toMatchObject({
      code: 'user_type_mismatch',
      httpStatus: 400,
    });
    await expect(users.delete!({ id: adminId, user_type: 'end_user' }, context())).rejects.toMatchObject({
      code: 'user_type_mismatch',
    });
    expect(journal()).toEqual([`GET /v1.0/users/${userId}`, `GET /v1.0/users/${adminId}`]);
    expect(fake.directory.userById(userId)).toBeDefined();
    expect(fake.directory.userById(adminId)).toBeDefined();
  });

  it('user_type=admin on an admin deletes it and returns the user as it was', async () => {
    const { users, context, journal, adminId } = await start();
    const result = await users.delete!({ id: adminId, user_type: 'admin' }, context());
    expect(journal()).toEqual([`GET /v1.0/users/${adminId}`, `DELETE /v1.0/users/${adminId}`]);
    expect(result.user?.unified).toMatchObject({
      id: adminId,
      user_type: 'admin',
      roles: [{ name: 'Global Administrator' }],
    });
  });

  it('a dry run of permanent plans both steps and sends neither', async () => {
    const { users, context, journal, fake, userId } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    const result = await users.delete!(
      { id: userId, permanent: true },
      context({ dryRun: true, providerCalls }),
    );
    expect(journal()).toEqual([]);
    expect(result.actions.map((action) => `${action.action}:${action.outcome}`)).toEqual([
      'soft_delete:planned',
      'permanent_delete:planned',
    ]);
    expect(
      providerCalls.map((call) => `${call.method} ${decodeURIComponent(new URL(call.url).pathname)}`),
    ).toEqual([`DELETE /v1.0/users/${userId}`, `DELETE /v1.0/directory/deletedItems/${userId}`]);
    expect(fake.directory.userById(userId)).toBeDefined();
  });

  it.each([
    [{ remove_from: 'organization' as const, remove_from_id: 'o' }, 'unsupported_parameter'],
    [{ group_id: 'a', remove_from: 'group' as const, remove_from_id: 'b' }, 'unsupported_parameter'],
    [{ permanent: true, group_id: 'a' }, 'unsupported_parameter'],
    [{ remove_from: 'group' as const }, 'missing_parameter'],
    [{ remove_from_id: 'g' }, 'missing_parameter'],
    [{ product: 'workspace' as const }, 'unsupported_parameter'],
    [{ emails: [{ email: 'a@b.c' }] }, 'unsupported_parameter'],
  ])('refuses %o before any call', async (parameters, code) => {
    const { users, context, journal, userId } = await start();
    await expect(users.delete!({ id: userId, ...parameters }, context())).rejects.toMatchObject({
      code,
      httpStatus: 400,
    });
    expect(journal()).toEqual([]);
  });
});

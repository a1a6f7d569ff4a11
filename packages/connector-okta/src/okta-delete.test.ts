import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './okta-test-harness.js';
import { statusOf } from './testing/okta-fake-records.js';

/** Every delete option, journal-exact: the calls Okta receives, once each, and what they did to the user. */
describe('okta users.delete', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ users: 30 });
  });
  afterEach(() => harness.close());

  const remove = (id: string, parameters: Record<string, unknown> = {}, dryRun = false) =>
    harness.users.delete!({ id, ...parameters }, harness.context({ dryRun }));
  const statusOfUser = (id: string) => {
    const user = harness.fake.directory.userById(id, { includeDeleted: true });
    return user ? statusOf(harness.fake.directory, user) : 'GONE';
  };

  it('deactivates by default: a read, then one deactivate with sendEmail=false; the user is DEPROVISIONED', async () => {
    const { id } = harness.seededUser(1);
    const result = await remove(id);
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `POST /api/v1/users/${id}/lifecycle/deactivate`,
    ]);
    expect(harness.fake.server.journal.forRoute('users.deactivate')[0]?.query).toEqual({
      sendEmail: 'false',
    });
    expect(result.actions).toEqual([{ action: 'deactivate', target: id, outcome: 'done' }]);
    expect(result.user?.unified.status).toBe('active');
    expect(statusOfUser(id)).toBe('DEPROVISIONED');
  });

  it('sends sendEmail=true only when the send_email setting says so', async () => {
    await harness.close();
    harness = await startHarness({ users: 5 }, undefined, { send_email: true });
    const { id } = harness.seededUser(1);
    await remove(id, { permanent: true });
    expect(harness.fake.server.journal.forRoute('users.deactivate')[0]?.query).toEqual({ sendEmail: 'true' });
    expect(harness.fake.server.journal.forRoute('users.delete')[0]?.query).toEqual({ sendEmail: 'true' });
  });

  it('does not deactivate a DEPROVISIONED user again: one read, already_done', async () => {
    const { id } = harness.seededUser(1);
    await remove(id);
    harness.fake.server.journal.clear();
    const result = await remove(id);
    expect(harness.journal()).toEqual([`GET /api/v1/users/${id}`]);
    expect(result.actions).toEqual([{ action: 'deactivate', target: id, outcome: 'already_done' }]);
    expect(statusOfUser(id)).toBe('DEPROVISIONED');
  });

  it('reads the user instead of repeating a deactivate whose answer was lost', async () => {
    const { id } = harness.seededUser(1);
    harness.fake.server.injectFault({
      route: 'users.deactivate',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const result = await remove(id);
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `POST /api/v1/users/${id}/lifecycle/deactivate`,
      `GET /api/v1/users/${id}`,
    ]);
    expect(result.actions).toEqual([{ action: 'deactivate', target: id, outcome: 'done' }]);
    expect(statusOfUser(id)).toBe('DEPROVISIONED');
  });

  it('keeps the deactivate error when the read that should settle it fails too', async () => {
    const { id } = harness.seededUser(1);
    harness.fake.server.injectFault({
      route: 'users.deactivate',
      nth: [1],
      fault: { kind: 'status', status: 502 },
    });
    harness.fake.server.injectFault({
      route: 'users.get',
      nth: [2, 3, 4],
      fault: { kind: 'status', status: 500 },
    });
    await expect(remove(id)).rejects.toMatchObject({
      code: 'provider_unavailable',
      details: { provider_status: 502 },
    });
    expect(harness.fake.server.journal.forRoute('users.deactivate')).toHaveLength(1);
  });

  it('surfaces a deactivate that failed without effect (a 5xx the user shows no sign of)', async () => {
    const { id } = harness.seededUser(1);
    harness.fake.server.injectFault({
      route: 'users.deactivate',
      nth: [1],
      fault: { kind: 'status', status: 503 },
    });
    await expect(remove(id)).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(harness.fake.server.journal.forRoute('users.deactivate')).toHaveLength(1);
    expect(statusOfUser(id)).toBe('ACTIVE');
  });

  it('permanent=true: read, deactivate, then DELETE; the user is gone for good', async () => {
    const { id } = harness.seededUser(1);
    const result = await remove(id, { permanent: true });
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `POST /api/v1/users/${id}/lifecycle/deactivate`,
      `DELETE /api/v1/users/${id}`,
    ]);
    expect(harness.fake.server.journal.forRoute('users.delete')[0]?.query).toEqual({ sendEmail: 'false' });
    expect(result.actions).toEqual([
      { action: 'deactivate', target: id, outcome: 'done' },
      { action: 'permanent_delete', target: id, outcome: 'done' },
    ]);
    expect(statusOfUser(id)).toBe('GONE');
  });

  it('permanent=true on a DEPROVISIONED user sends only the DELETE after the read', async () => {
    const { id } = harness.seededUser(1);
    await remove(id);
    harness.fake.server.journal.clear();
    const result = await remove(id, { permanent: true });
    expect(harness.journal()).toEqual([`GET /api/v1/users/${id}`, `DELETE /api/v1/users/${id}`]);
    expect(result.actions.map((action) => action.outcome)).toEqual(['already_done', 'done']);
    expect(statusOfUser(id)).toBe('GONE');
  });

  it('permanent=true whose DELETE answer is lost: the repeated DELETE meets 404 and reports already_done', async () => {
    const { id } = harness.seededUser(1);
    harness.fake.server.injectFault({
      route: 'users.delete',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 503 },
    });
    const result = await remove(id, { permanent: true });
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `POST /api/v1/users/${id}/lifecycle/deactivate`,
      `DELETE /api/v1/users/${id}`,
      `DELETE /api/v1/users/${id}`,
    ]);
    expect(harness.fake.server.journal.forRoute('users.delete').map((entry) => entry.status)).toEqual([
      503, 404,
    ]);
    expect(result.actions.at(-1)).toEqual({
      action: 'permanent_delete',
      target: id,
      outcome: 'already_done',
    });
    expect(statusOfUser(id)).toBe('GONE');
  });

  it('permanent=true in a dry run reads the user and plans the deactivate and the DELETE', async () => {
    const { id } = harness.seededUser(1);
    const context = harness.context({ dryRun: true });
    const result = await harness.users.delete!({ id, permanent: true }, context);
    expect(harness.journal()).toEqual([`GET /api/v1/users/${id}`]);
    expect(result.actions.map((action) => action.outcome)).toEqual(['planned', 'planned']);
    expect(context.providerCalls.map((call) => `${call.method} ${call.outcome}`)).toEqual([
      'GET sent',
      'POST planned',
      'DELETE planned',
    ]);
    expect(statusOfUser(id)).toBe('ACTIVE');
  });

  it('remove_from=group removes only the membership, once', async () => {
    const { id } = harness.seededUser(1);
    const [groupId] = harness.fake.directory.groupIdsOfUser(id);
    const result = await remove(id, { remove_from: 'group', remove_from_id: groupId });
    expect(harness.journal()).toEqual([`DELETE /api/v1/groups/${groupId}/users/${id}`]);
    expect(result.actions).toEqual([{ action: 'remove_from_group', target: groupId, outcome: 'done' }]);
    expect(harness.fake.directory.isMember(groupId!, id)).toBe(false);
    expect(statusOfUser(id)).toBe('ACTIVE');
  });

  it('group_id whose answer is lost: the repeated DELETE meets 404 and reports already_done', async () => {
    const { id } = harness.seededUser(1);
    const [groupId] = harness.fake.directory.groupIdsOfUser(id);
    harness.fake.server.injectFault({
      route: 'groups.removeUser',
      nth: [1],
      fault: { kind: 'commit-then-fail' },
    });
    const result = await remove(id, { group_id: groupId });
    expect(harness.journal()).toEqual([
      `DELETE /api/v1/groups/${groupId}/users/${id}`,
      `DELETE /api/v1/groups/${groupId}/users/${id}`,
    ]);
    expect(result.actions).toEqual([
      { action: 'remove_from_group', target: groupId, outcome: 'already_done' },
    ]);
    expect(harness.fake.directory.isMember(groupId!, id)).toBe(false);
  });

  it("passes on Okta's refusal to remove anyone from Everyone or an app-managed group", async () => {
    const { id } = harness.seededUser(1);
    for (const groupId of [harness.fake.groups.everyoneId, harness.fake.groups.appGroupId]) {
      await expect(remove(id, { group_id: groupId })).rejects.toMatchObject({
        code: 'provider_rejected_request',
        httpStatus: 403,
        message: expect.stringContaining(
          'E0000006: You do not have permission to perform the requested action',
        ),
      });
    }
    expect(harness.journal()).toHaveLength(2);
    expect(statusOfUser(id)).toBe('ACTIVE');
  });

  it('user_type=admin refuses an end user after reading its roles, changing nothing', async () => {
    const { id } = harness.seededUser(1);
    await expect(remove(id, { user_type: 'admin' })).rejects.toMatchObject({ code: 'user_type_mismatch' });
    expect(harness.journal()).toEqual([`GET /api/v1/users/${id}`, `GET /api/v1/users/${id}/roles`]);
    expect(statusOfUser(id)).toBe('ACTIVE');
  });

  it('user_type=admin deactivates an admin (seeded user 0 is a super admin)', async () => {
    const { id } = harness.seededUser(0);
    const result = await remove(id, { user_type: 'admin' });
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `GET /api/v1/users/${id}/roles`,
      `POST /api/v1/users/${id}/lifecycle/deactivate`,
    ]);
    expect(result.user?.unified.user_type).toBe('admin');
    expect(result.user?.unified.roles).toEqual([{ id: 'SUPER_ADMIN', name: 'Super Administrator' }]);
  });

  it('user_type=end_user with a group checks the roles, then removes only the membership', async () => {
    const { id } = harness.seededUser(1);
    const [groupId] = harness.fake.directory.groupIdsOfUser(id);
    await remove(id, { user_type: 'end_user', group_id: groupId });
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${id}`,
      `GET /api/v1/users/${id}/roles`,
      `DELETE /api/v1/groups/${groupId}/users/${id}`,
    ]);
  });

  it('deletes by login too, acting on the id the read returned', async () => {
    const user = harness.seededUser(1);
    const result = await remove(user.email);
    expect(result.id).toBe(user.id);
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${user.email}`,
      `POST /api/v1/users/${user.id}/lifecycle/deactivate`,
    ]);
  });

  it('answers NotFoundError for an unknown user after one read, changing nothing', async () => {
    await expect(remove('00u-nobody')).rejects.toMatchObject({ code: 'not_found' });
    expect(harness.journal()).toEqual(['GET /api/v1/users/00u-nobody']);
  });
});

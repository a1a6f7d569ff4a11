import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The README's walkthrough beyond users, on sandbox accounts of each connector: add a user to a group,
 * list that user's licenses, take them out of the group, and read the other resources.
 */
const integrations = ['azure-ad', 'google-workspace'] as const;

describe.each(integrations)('the whole resource set on a %s sandbox account', (integration) => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  let account: string;
  const unified = (path: string) => `/unified/user-directory/${path}`;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer({ ...leg.config, connectorPackages: [`@unidir/connector-${integration}`] });
    token = await api.createToken('default');
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration, sandbox: true, sandbox_users: 30 },
    });
    expect(created.status).toBe(201);
    account = created.body.id;
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  const get = (path: string, query: Record<string, unknown> = {}) =>
    api.call('GET', unified(path), { token, query: { integrated_account_id: account, ...query } });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, query = {}) =>
    api.call('POST', unified(path), {
      token,
      body,
      headers,
      query: { integrated_account_id: account, ...query },
    });

  /** A seeded user and a group it is not in. */
  async function userAndOtherGroup(): Promise<{ userId: string; groupId: string }> {
    const users = await get('users', { limit: 5 });
    const userId = users.body.result[1].id as string;
    const joined = await get('groups', { user_id: userId });
    const memberOf = new Set(joined.body.result.map((group: { id: string }) => group.id));
    const groups = await get('groups', { limit: 50 });
    const other = groups.body.result.find((group: { id: string }) => !memberOf.has(group.id));
    expect(other, 'a group the user is not in').toBeDefined();
    return { userId, groupId: other.id };
  }

  it('adds a user to a group, lists their licenses, and removes them, each audited', async () => {
    const { userId, groupId } = await userAndOtherGroup();
    const added = await post('groups/add-user', { group_id: groupId, user_id: userId });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      result: { group_id: groupId, user_id: userId, action: 'add_to_group', outcome: 'done' },
    });
    const groupsAfter = await get('groups', { user_id: userId });
    expect(groupsAfter.body.result.map((group: { id: string }) => group.id)).toContain(groupId);

    const licenses = await get('licenses', { user_id: userId });
    expect(licenses.status).toBe(200);
    expect(Array.isArray(licenses.body.result)).toBe(true);

    const again = await post('groups/add-user', { group_id: groupId, user_id: userId });
    expect(again.body.result.outcome).toBe('already_done');

    const removed = await post('groups/remove-user', { group_id: groupId, user_id: userId });
    expect(removed.body.result).toMatchObject({ action: 'remove_from_group', outcome: 'done' });
    const groupsAtEnd = await get('groups', { user_id: userId });
    expect(groupsAtEnd.body.result.map((group: { id: string }) => group.id)).not.toContain(groupId);

    const audit = await api.call('GET', '/audit-log', { token, query: { integrated_account_id: account } });
    const operations = audit.body.result.map((entry: { operation: string; target_id: string }) => [
      entry.operation,
      entry.target_id,
    ]);
    expect(operations).toEqual(
      expect.arrayContaining([
        ['groups.add-user', groupId],
        ['groups.remove-user', groupId],
      ]),
    );
  });

  it('plans a membership change in a dry run, and replays it for the same Idempotency-Key', async () => {
    const { userId, groupId } = await userAndOtherGroup();
    const planned = await post(
      'groups/add-user',
      { group_id: groupId, user_id: userId },
      {},
      { dry_run: true },
    );
    expect(planned.body).toMatchObject({ dry_run: true, provider_calls: [{ outcome: 'planned' }] });
    const stillOut = await get('groups', { user_id: userId });
    expect(stillOut.body.result.map((group: { id: string }) => group.id)).not.toContain(groupId);

    const key = { 'idempotency-key': `add-${integration}-${userId}` };
    const first = await post('groups/add-user', { group_id: groupId, user_id: userId }, key);
    const replay = await post('groups/add-user', { group_id: groupId, user_id: userId }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(first.body.result.outcome).toBe('done');
  });

  it('refuses a membership body with other fields, and an unknown custom method, with the envelope', async () => {
    const extra = await post('groups/add-user', { group_id: 'g', user_id: 'u', role: 'owner' });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('unsupported_parameter');
    const missing = await post('groups/remove-user', { group_id: 'g' });
    expect(missing.status).toBe(400);
    const unknown = await post('groups/archive-user', { group_id: 'g', user_id: 'u' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found', statusCode: 404 });
    const onUsers = await post('users/add-user', { group_id: 'g', user_id: 'u' });
    expect(onUsers.status).toBe(405);
    expect(onUsers.body.code).toBe('unsupported_operation');
  });

  it('lists roles, role assignments, organizations, me and activities as unified records', async () => {
    for (const resource of ['roles', 'role_assignments', 'organizations', 'me', 'activities']) {
      const response = await get(resource, { limit: 5 });
      expect(response.status, `${resource}: ${JSON.stringify(response.body).slice(0, 200)}`).toBe(200);
      expect(response.body.result.length, `${resource} has records`).toBeGreaterThan(0);
      for (const record of response.body.result) expect(typeof record.id).toBe('string');
    }
    const organizations = await get('organizations');
    const organization = await get(`organizations/${encodeURIComponent(organizations.body.result[0].id)}`);
    expect(organization.status).toBe(200);
    expect(organization.body.id).toBe(organizations.body.result[0].id);
  });
});

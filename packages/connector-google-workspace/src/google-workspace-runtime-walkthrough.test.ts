import type { OperationName } from '@unidir/core';
import {
  ConnectorRegistry,
  createUnifiedRuntime,
  parseUnifiedQuery,
  type UnifiedRuntime,
} from '@unidir/runtime';
import { silentLogger } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './testing/google-workspace-fake.js';
import { fakeSkuOf } from './testing/google-workspace-fake-licensing.js';

/** The README's walkthrough through the runtime: add a user to a group, list their licenses, remove them. */
describe('google-workspace walkthrough through the unified runtime', () => {
  let fake: GoogleWorkspaceFake;
  let runtime: UnifiedRuntime;

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 30, groups: 3 });
    runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([createGoogleWorkspaceConnector()]),
      logger: silentLogger,
    });
  });
  afterAll(() => fake.close());

  const execute = (resource: string, method: OperationName, queryString = '', body?: unknown) =>
    runtime.execute({
      account: {
        id: 'account-walkthrough',
        integration: 'google-workspace',
        credentials: fake.credentials,
        settings: fake.settings,
        allowInsecureProviderUrls: true,
      },
      resource,
      method,
      query: parseUnifiedQuery(queryString),
      ...(body === undefined ? {} : { body }),
    });
  const apiCalls = () => fake.server.journal.entries.filter((entry) => entry.route !== 'token');

  it('adds a user to a group, lists their licenses, and removes them from the group', async () => {
    const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const user = fake.directory
      .listUsers({ offset: 0, limit: 30 })
      .users.find((candidate) => !fake.directory.isMember(group.id, candidate.id))!;
    const membership = { group_id: group.email, user_id: user.email };

    const added = await execute('groups', 'addUser', '', membership);
    expect(added).toMatchObject({ status: 200, body: { result: { ...membership, outcome: 'done' } } });
    const again = await execute('groups', 'addUser', '', membership);
    expect(again).toMatchObject({ body: { result: { outcome: 'already_done' } } });

    const licenses = await execute('licenses', 'list', `user_id=${encodeURIComponent(user.email)}`);
    expect(licenses).toMatchObject({
      status: 200,
      body: { result: [{ id: fakeSkuOf(user, 'Google-Apps') }], result_count: 1 },
    });

    fake.server.journal.clear();
    const removed = await execute('groups', 'removeUser', '', membership);
    expect(removed).toMatchObject({
      body: { result: { ...membership, action: 'remove_from_group', outcome: 'done' } },
    });
    expect(apiCalls().map((entry) => entry.route)).toEqual(['members.delete']);
    expect(fake.directory.isMember(group.id, user.id)).toBe(false);
  });

  it('refuses a parameter the manifest does not declare before any provider call', async () => {
    fake.server.journal.clear();
    await expect(execute('roles', 'list', 'user_id=someone')).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
    await expect(
      execute('organizations', 'list', 'created_at[gt]=2024-01-01T00:00:00Z'),
    ).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
    expect(apiCalls()).toEqual([]);
  });

  it('answers me, organizations and activities in the unified envelope', async () => {
    const me = await execute('me', 'list');
    expect(me).toMatchObject({ status: 200, body: { result_count: 1, result: [{ identity_type: 'user' }] } });
    const organizations = await execute('organizations', 'list');
    expect(organizations).toMatchObject({ body: { result: [{ id: fake.google.ids.customerId }] } });
    const activities = await execute('activities', 'list', 'limit=2');
    expect(activities).toMatchObject({ body: { result_count: 2, next_cursor: expect.any(String) } });
  });
});

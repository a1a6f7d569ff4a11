import {
  ConnectorRegistry,
  createUnifiedRuntime,
  parseUnifiedQuery,
  type UnifiedRuntime,
} from '@unidir/runtime';
import { silentLogger } from '@unidir/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './testing/google-workspace-fake.js';
import { googleRateLimitFault } from './testing/google-workspace-fake-errors.js';

/** The connector as the server drives it: query strings parsed and checked against the manifest by the runtime. */
describe('google-workspace through the unified runtime', () => {
  let fake: GoogleWorkspaceFake;
  let runtime: UnifiedRuntime;

  beforeEach(async () => {
    fake = await startGoogleWorkspaceFake({ users: 9 });
    runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([createGoogleWorkspaceConnector({ retry: { baseDelayMs: 20 } })]),
      logger: silentLogger,
    });
  });
  afterEach(() => fake.close());

  const execute = (method: 'list' | 'get' | 'delete', queryString: string, id?: string) =>
    runtime.execute({
      account: {
        id: 'account-1',
        integration: 'google-workspace',
        credentials: fake.credentials,
        settings: fake.settings,
        allowInsecureProviderUrls: true,
      },
      resource: 'users',
      method,
      ...(id === undefined ? {} : { id }),
      query: parseUnifiedQuery(queryString),
    });
  const directoryCalls = () =>
    fake.server.journal.entries
      .filter((entry) => entry.route !== 'token')
      .map((entry) => `${entry.method} ${entry.path}`);

  it('answers a list with the unified envelope and a cursor that reaches the next page', async () => {
    const first = await execute('list', 'limit=5');
    expect(first).toMatchObject({ kind: 'json', status: 200, body: { result_count: 5, prev_cursor: null } });
    const cursor = (first as { body: { next_cursor: string } }).body.next_cursor;
    const second = await execute('list', `limit=5&next_cursor=${encodeURIComponent(cursor)}`);
    expect(second).toMatchObject({ body: { result_count: 4, next_cursor: null } });
  });

  it("shows Google's response headers in the debug format, without a cookie it set", async () => {
    fake.server.injectFault({
      route: 'users.list',
      times: 1,
      fault: {
        kind: 'status',
        status: 200,
        headers: { 'x-goog-trace': 'trace-7', 'set-cookie': 'NID=session-secret; HttpOnly' },
        body: { kind: 'admin#directory#users', etag: '"e"' },
      },
    });
    const answer = await execute('list', 'limit=5&truto_response_format=debug');
    const debug = (answer as { body: { debug: Record<string, unknown> } }).body.debug;
    expect(debug.response_headers).toMatchObject({ 'x-goog-trace': 'trace-7' });
    expect(JSON.stringify(answer)).not.toContain('session-secret');
    expect(JSON.stringify(answer)).not.toContain('set-cookie');
    const plain = await execute('list', 'limit=5');
    expect(JSON.stringify((plain as { body: unknown }).body)).not.toContain('response_headers');
  });

  it('turns persistent 403 userRateLimitExceeded into a 429 with a Retry-After for the server to send', async () => {
    fake.server.injectFault({ route: 'users.list', fault: googleRateLimitFault });
    await expect(execute('list', 'limit=5')).rejects.toMatchObject({
      code: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 8,
      details: { retry_after_seconds: 8 },
    });
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(3);
  });

  it('refuses permanent=true and remove_from=organization before any provider call', async () => {
    const id = fake.google.ids.userId(1);
    await expect(execute('delete', 'permanent=true', id)).rejects.toMatchObject({
      code: 'unsupported_parameter',
      message: expect.stringMatching(/20 days/),
    });
    await expect(execute('delete', 'remove_from=organization&remove_from_id=x', id)).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
    expect(fake.server.journal.entries).toEqual([]);
  });

  it('removes a user from a group given as remove_from=group&remove_from_id=', async () => {
    const user = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    const group = fake.directory.groupById(fake.directory.groupIdsOfUser(user.id)[0]!)!;
    const userId = fake.google.ids.userId(user.index);
    const groupId = fake.google.ids.groupId(group.index);
    const response = await execute('delete', `remove_from=group&remove_from_id=${groupId}`, userId);
    expect(response).toMatchObject({
      status: 200,
      body: { id: userId, actions: [{ action: 'remove_from_group', target: groupId, outcome: 'done' }] },
    });
    expect(directoryCalls()).toEqual([`DELETE /admin/directory/v1/groups/${groupId}/members/${userId}`]);
  });
});

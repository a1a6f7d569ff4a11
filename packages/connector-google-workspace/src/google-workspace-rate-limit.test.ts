import { createCapturingLogger, seedId } from '@unidir/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';
import { googleErrorBody, googleRateLimitFault } from './testing/google-workspace-fake-errors.js';

describe('google-workspace retries and rate limits', () => {
  let connected: ConnectedFake;
  const users = () => connected.connector.users!;

  beforeEach(async () => {
    connected = await startConnectedFake({ users: 5, connector: { retry: { baseDelayMs: 20 } } });
  });
  afterEach(() => connected.close());

  it('retries a 403 userRateLimitExceeded with backoff and logs each retry', async () => {
    connected.fake.server.injectFault({ route: 'users.list', times: 2, fault: googleRateLimitFault });
    const logger = createCapturingLogger();
    const page = await users().list!({}, connected.context({ logger }));
    expect(page.records).toHaveLength(5);
    expect(connected.fake.server.journal.forRoute('users.list').map((entry) => entry.status)).toEqual([
      403, 403, 200,
    ]);
    const retries = logger.lines.filter((line) => line.message === 'retrying provider call');
    expect(retries.map((line) => [line.fields.attempt, line.fields.reason])).toEqual([
      [1, 'rate limited'],
      [2, 'rate limited'],
    ]);
  });

  it('past the attempt budget, surfaces as rate_limited (429) with a Retry-After suggestion', async () => {
    connected.fake.server.injectFault({ route: 'users.list', fault: googleRateLimitFault });
    const failure = users().list!({}, connected.context());
    await expect(failure).rejects.toMatchObject({
      code: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 8,
    });
    expect(connected.fake.server.journal.forRoute('users.list')).toHaveLength(3);
  });

  it('treats 403 quotaExceeded and 429 as rate limits too', async () => {
    connected.fake.server.injectFault({
      route: 'users.get',
      nth: [1],
      fault: { kind: 'status', status: 403, body: googleErrorBody(403, 'quotaExceeded', 'Quota exceeded') },
    });
    connected.fake.server.injectFault({
      route: 'users.get',
      nth: [2],
      fault: {
        kind: 'status',
        status: 429,
        body: googleErrorBody(429, 'rateLimitExceeded', 'Rate limit exceeded'),
      },
    });
    const user = await users().get!({ id: connected.fake.google.ids.userId(1) }, connected.context());
    expect(user.unified.id).toBe(connected.fake.google.ids.userId(1));
    expect(connected.fake.server.journal.forRoute('users.get').map((entry) => entry.status)).toEqual([
      403, 429, 200,
    ]);
  });

  it('repeats a rate-limited create (Google did not process it) and creates the user once', async () => {
    connected.fake.server.injectFault({ route: 'users.insert', nth: [1], fault: googleRateLimitFault });
    const created = await users().create!(
      {
        body: {
          first_name: 'Rate',
          last_name: 'Limited',
          emails: [{ email: 'rate.limited@unidir.test', is_primary: true }],
          password: 'long enough',
        },
      },
      connected.context(),
    );
    expect(created?.unified.username).toBe('rate.limited@unidir.test');
    expect(
      connected.fake.server.journal.forRoute('users.insert').map((entry) => [entry.status, entry.handled]),
    ).toEqual([
      [403, false],
      [200, true],
    ]);
  });

  it('never repeats a patch after a 500 (it may have been applied)', async () => {
    connected.fake.server.injectFault({
      route: 'users.patch',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 500 },
    });
    await expect(
      users().update!(
        { id: connected.fake.google.ids.userId(2), body: { title: 'Once' } },
        connected.context(),
      ),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(connected.fake.server.journal.forRoute('users.patch')).toHaveLength(1);
  });

  it('retries a 503 on a read', async () => {
    connected.fake.server.injectFault({
      route: 'groups.list',
      nth: [1],
      fault: { kind: 'status', status: 503 },
    });
    const page = await connected.connector.groups!.list!({}, connected.context());
    expect(page.records.length).toBeGreaterThan(0);
    expect(connected.fake.server.journal.forRoute('groups.list').map((entry) => entry.status)).toEqual([
      503, 200,
    ]);
  });

  it('maps 403 "Not Authorized" (missing domain-wide delegation or admin role) to provider_auth_failed without retrying', async () => {
    connected.fake.server.injectFault({
      route: 'users.list',
      fault: {
        kind: 'status',
        status: 403,
        body: googleErrorBody(403, 'forbidden', 'Not Authorized to access this resource/api'),
      },
    });
    await expect(users().list!({}, connected.context())).rejects.toMatchObject({
      code: 'provider_auth_failed',
    });
    expect(connected.fake.server.journal.forRoute('users.list')).toHaveLength(1);
  });

  it('obtains a new token once when Google answers 401 to a token it issued', async () => {
    await users().get!({ id: connected.fake.google.ids.userId(0) }, connected.context());
    connected.fake.tokens.revokeAll();
    const user = await users().get!({ id: seedIdOfUser(connected, 3) }, connected.context());
    expect(user.unified.username).toMatch(/@unidir\.test$/);
    expect(connected.fake.server.journal.forRoute('token')).toHaveLength(2);
  });
});

function seedIdOfUser(connected: ConnectedFake, index: number): string {
  const user = connected.fake.directory.userById(seedId(connected.fake.directory.seed, 'user', index))!;
  return user.email;
}

import { randomUUID } from 'node:crypto';
import { type ScimFake, startScimFake } from '@unidir/connector-scim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** a delete by email under an Idempotency-Key, retried after an unknown outcome. */
describe('delete by email after an unknown outcome', () => {
  let leg: StorageLeg;
  let fake: ScimFake;
  let api: TestServer;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    fake = await startScimFake({ users: 5 });
    api = await startTestServer({
      ...leg.config,
      connectorPackages: ['@unidir/connector-scim'],
      allowedProviderHosts: [
        { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
      ],
    });
    token = await api.createToken('acme');
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'scim', credentials: fake.credentials, settings: fake.settings },
    });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    accountId = created.body.id;
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await leg?.dispose();
  });

  const firstActiveUser = async () => {
    const query = { integrated_account_id: accountId };
    return (
      await api.call('GET', '/unified/user-directory/users', { token, query: { ...query, limit: 5 } })
    ).body.result.find((candidate: { status?: string }) => candidate.status !== 'inactive');
  };
  const deleteByEmailUnder = (key: string, email: string, options: Record<string, string>) =>
    api.call('DELETE', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: accountId, ...options, 'emails[0][email]': email },
      headers: { 'idempotency-key': key },
    });
  /** The write takes effect, then every answer is lost to a 500. */
  const loseEveryWriteAnswer = () => {
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      fake.server.injectFault({ method, fault: { kind: 'commit-then-fail', status: 500 } });
  };

  it('a deactivation finds the user inactive and answers already_done, as a delete by id does', async () => {
    const user = await firstActiveUser();
    const key = randomUUID();
    loseEveryWriteAnswer();
    const first = await deleteByEmailUnder(key, user.emails[0].email, {});
    fake.server.clearFaults();
    expect(first.status, first.text.slice(0, 300)).toBeGreaterThanOrEqual(500);
    const retry = await deleteByEmailUnder(key, user.emails[0].email, {});
    expect(retry.status, retry.text.slice(0, 300)).toBe(200);
    expect(retry.body).toMatchObject({ id: user.id, actions: [{ outcome: 'already_done' }] });
  });

  it('a permanent delete that finds no user says the lost attempt may have deleted them, and stores no 404', async () => {
    const user = await firstActiveUser();
    const key = randomUUID();
    loseEveryWriteAnswer();
    const first = await deleteByEmailUnder(key, user.emails[0].email, { permanent: 'true' });
    fake.server.clearFaults();
    expect(first.status, first.text.slice(0, 300)).toBeGreaterThanOrEqual(500);
    const retry = await deleteByEmailUnder(key, user.emails[0].email, { permanent: 'true' });
    expect(retry.status).toBe(404);
    expect(retry.body.message).toContain('may already have deleted or deactivated them');
    expect(retry.body.message).not.toContain('nothing was deleted');
    // Not a definite answer: the key is not replaying it, the next retry asks again.
    const again = await deleteByEmailUnder(key, user.emails[0].email, { permanent: 'true' });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });
});

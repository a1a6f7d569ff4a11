import { randomUUID } from 'node:crypto';
import { type ScimFake, startScimFake } from '@unidir/connector-scim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** REVIEW: a delete by email under an Idempotency-Key, retried after an unknown outcome. */
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

  it.each([
    ['deactivation (default)', {}],
    ['permanent delete', { permanent: 'true' }],
  ])('%s: answers already_done, as a delete by id does, not a 404 replayed for 24 hours', async (_name, options) => {
    const query = { integrated_account_id: accountId };
    const user = (
      await api.call('GET', '/unified/user-directory/users', { token, query: { ...query, limit: 5 } })
    ).body.result.find((candidate: { status?: string }) => candidate.status !== 'inactive');
    const email = user.emails[0].email as string;
    const key = randomUUID();
    const deleteByEmail = () =>
      api.call('DELETE', '/unified/user-directory/users', {
        token,
        query: { ...query, ...options, 'emails[0][email]': email },
        headers: { 'idempotency-key': key },
      });
    // The deactivation takes effect, then every answer is lost to a 500.
    fake.server.injectFault({ method: 'PATCH', fault: { kind: 'commit-then-fail', status: 500 } });
    fake.server.injectFault({ method: 'PUT', fault: { kind: 'commit-then-fail', status: 500 } });
    fake.server.injectFault({ method: 'DELETE', fault: { kind: 'commit-then-fail', status: 500 } });
    const first = await deleteByEmail();
    fake.server.clearFaults();
    expect(first.status, first.text.slice(0, 300)).toBeGreaterThanOrEqual(500);
    const retry = await deleteByEmail();
    expect(retry.status, retry.text.slice(0, 300)).toBe(200);
    expect(retry.body).toMatchObject({ id: user.id, actions: [{ outcome: 'already_done' }] });
  });
});

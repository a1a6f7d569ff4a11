import { randomUUID } from 'node:crypto';
import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const until = async (condition: () => Promise<boolean> | boolean) => {
  for (let tries = 0; tries < 100; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never held');
};

describe('mutation outcomes', () => {
  let leg: StorageLeg;
  let fake: AzureAdFake;
  let api: TestServer;
  let token: string;
  let accountId: string;
  const providerDeletes = () => fake.server.journal.entries.filter((entry) => entry.method === 'DELETE');
  const userIds = async () =>
    (
      await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: accountId, limit: 50 },
      })
    ).body.result.map((user: { id: string }) => user.id) as string[];
  const latestAudit = async () =>
    (await api.call('GET', '/audit-log', { token, query: { limit: 1 } })).body.result[0];
  const deleteUser = (id: string, key: string) =>
    api.call('DELETE', `/unified/user-directory/users/${id}`, {
      token,
      query: { integrated_account_id: accountId },
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    leg = await createSqliteLeg();
    fake = await startAzureAdFake({ users: 10 });
    api = await startTestServer({
      ...leg.config,
      allowedProviderHosts: [
        { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
      ],
    });
    token = await api.createToken('acme');
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', credentials: fake.credentials, settings: fake.settings },
    });
    accountId = created.body.id;
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await leg?.dispose();
  });

  it('a DELETE runs to its answer after the client hangs up, and its key replays that answer', async () => {
    const [id] = await userIds();
    const key = randomUUID();
    fake.server.injectFault({ method: 'DELETE', times: 1, fault: { kind: 'delay', ms: 400 } });
    const hangUp = new AbortController();
    const abandoned = request(
      `${api.url}/unified/user-directory/users/${id}?integrated_account_id=${accountId}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        signal: hangUp.signal,
      },
    ).catch(() => undefined);
    await until(() => providerDeletes().length > 0);
    hangUp.abort();
    await abandoned;
    await until(async () => (await latestAudit())?.target_id === id);
    expect(await latestAudit()).toMatchObject({ operation: 'users.delete', outcome: 'succeeded' });
    expect(await userIds()).not.toContain(id);
    const retry = await deleteUser(id as string, key);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(providerDeletes()).toHaveLength(1);
  });

  it('a proxy DELETE also runs to its answer after the client hangs up', async () => {
    const [id] = await userIds();
    const deletesBefore = providerDeletes().length;
    fake.server.injectFault({ method: 'DELETE', times: 1, fault: { kind: 'delay', ms: 400 } });
    const hangUp = new AbortController();
    const abandoned = request(`${api.url}/proxy/users/${id}?integrated_account_id=${accountId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      signal: hangUp.signal,
    }).catch(() => undefined);
    await until(() => providerDeletes().length > deletesBefore);
    hangUp.abort();
    await abandoned;
    await until(async () => (await latestAudit())?.target_id === id);
    expect(await latestAudit()).toMatchObject({ operation: 'proxy/users.delete', outcome: 'succeeded' });
    expect(await userIds()).not.toContain(id);
  });

  it('records a provider failure after sending as unknown, and a retry under the key finds the delete done', async () => {
    const [id] = await userIds();
    const key = randomUUID();
    // The first DELETE deletes, then every answer is lost to a 500 until the retries give up.
    fake.server.injectFault({ method: 'DELETE', fault: { kind: 'commit-then-fail', status: 500 } });
    const first = await deleteUser(id as string, key);
    fake.server.clearFaults();
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(await latestAudit()).toMatchObject({ target_id: id, outcome: 'unknown' });
    const deletesBeforeRetry = providerDeletes().length;
    const retry = await deleteUser(id as string, key);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    // The retry asked the provider once more; its 404 proves the lost attempt deleted the user.
    expect(providerDeletes()).toHaveLength(deletesBeforeRetry + 1);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id, actions: [{ target: id, outcome: 'already_done' }] });
    expect(await latestAudit()).toMatchObject({ target_id: id, outcome: 'succeeded' });
    // That answer is definite, so the key now replays it.
    const again = await deleteUser(id as string, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retry.body);
    expect(providerDeletes()).toHaveLength(deletesBeforeRetry + 1);
  });

  it('a first attempt that failed before any provider write does not turn a wrong id into already_done', async () => {
    // A fresh account: its client has no access token yet.
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', credentials: fake.credentials, settings: fake.settings },
    });
    const freshAccount = created.body.id as string;
    const typo = '00000000-0000-4000-8000-00000000dead';
    const key = randomUUID();
    const deleteTypo = () =>
      api.call('DELETE', `/unified/user-directory/users/${typo}`, {
        token,
        query: { integrated_account_id: freshAccount },
        headers: { 'idempotency-key': key },
      });
    const deletesBefore = providerDeletes().length;
    // The token endpoint fails: nothing was ever sent to the directory, so nothing can have been deleted.
    fake.server.injectFault({ route: 'token', fault: { kind: 'status', status: 503 } });
    const first = await deleteTypo();
    fake.server.clearFaults();
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(providerDeletes()).toHaveLength(deletesBefore);
    // The retry of the same request reaches the provider for the first time: its 404 is a plain not found,
    // not proof that an earlier attempt deleted a user that never existed.
    const retry = await deleteTypo();
    expect(retry.body).not.toMatchObject({ actions: [{ outcome: 'already_done' }] });
    expect(retry.status).toBe(404);
  });

  it('a key left unknown by a soft delete cannot be reused to escalate, and concurrent retries run once', async () => {
    const [id] = await userIds();
    const key = randomUUID();
    fake.server.injectFault({ method: 'DELETE', fault: { kind: 'commit-then-fail', status: 500 } });
    expect((await deleteUser(id as string, key)).status).toBeGreaterThanOrEqual(500);
    fake.server.clearFaults();
    const deletesBefore = providerDeletes().length;
    // The same key on a permanent delete is another request: 422, nothing sent.
    const escalated = await api.call('DELETE', `/unified/user-directory/users/${id}`, {
      token,
      query: { integrated_account_id: accountId, permanent: 'true' },
      headers: { 'idempotency-key': key },
    });
    expect(escalated.status).toBe(422);
    expect(escalated.body.code).toBe('idempotency_key_mismatch');
    expect(providerDeletes()).toHaveLength(deletesBefore);
    // Two retries at once: one runs, the other is told the key is in use.
    fake.server.injectFault({ method: 'DELETE', times: 1, fault: { kind: 'delay', ms: 300 } });
    const answers = await Promise.all([deleteUser(id as string, key), deleteUser(id as string, key)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(providerDeletes()).toHaveLength(deletesBefore + 1);
  });

  it('a permanent delete retried under its key after permanent_delete_incomplete does not claim the purge is done', async () => {
    const [id] = await userIds();
    const key = randomUUID();
    const permanentDelete = () =>
      api.call('DELETE', `/unified/user-directory/users/${id}`, {
        token,
        query: { integrated_account_id: accountId, permanent: 'true' },
        headers: { 'idempotency-key': key },
      });
    // Deleted items do not show the user yet (Entra replication lag), for longer than the purge retries wait.
    fake.server.injectFault({
      route: 'deletedItems.delete',
      fault: {
        kind: 'status',
        status: 404,
        body: { error: { code: 'Request_ResourceNotFound', message: 'x' } },
      },
    });
    const first = await permanentDelete();
    expect(first.status).toBe(502);
    expect(first.body.code).toBe('permanent_delete_incomplete');
    // The caller repeats it, as the error says; the lag still lasts, so the user is still restorable.
    const retry = await permanentDelete();
    fake.server.clearFaults();
    expect(fake.directory.userById(id as string, { includeDeleted: true })).toBeDefined();
    expect(retry.status, JSON.stringify(retry.body)).not.toBe(200);
  }, 20_000);

  it('without the key, a delete of a user that is gone is still not found', async () => {
    const [id] = await userIds();
    const key = randomUUID();
    fake.server.injectFault({ method: 'DELETE', fault: { kind: 'commit-then-fail', status: 500 } });
    await deleteUser(id as string, key);
    fake.server.clearFaults();
    const unkeyed = await api.call('DELETE', `/unified/user-directory/users/${id}`, {
      token,
      query: { integrated_account_id: accountId },
    });
    expect(unkeyed.status).toBe(404);
    // Another key names another request: it knows nothing of the lost answer.
    expect((await deleteUser(id as string, randomUUID())).status).toBe(404);
  });
});

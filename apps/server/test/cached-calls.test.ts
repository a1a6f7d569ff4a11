import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../src/storage/open-store.js';
import { pollUntil } from './support/poll.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('a unified call once its token and account are cached', () => {
  let leg: StorageLeg;
  let fake: AzureAdFake;
  let api: TestServer;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    fake = await startAzureAdFake({ users: 3 });
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

  const getFirstUser = async () => {
    const page = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: accountId, limit: 1 },
    });
    return api.call('GET', `/unified/user-directory/users/${page.body.result[0].id}`, {
      token,
      query: { integrated_account_id: accountId },
    });
  };

  it('reads nothing from the database', async () => {
    expect((await getFirstUser()).status).toBe(200);
    const reads = vi.spyOn(api.server.store.driver, 'all');
    try {
      expect((await getFirstUser()).status).toBe(200);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('sees a token revoked by another process on the same SQLite file (the CLI)', async () => {
    const issued = await api.call('POST', '/api-token', { token, body: { name: 'revoked by the CLI' } });
    const withIssued = () =>
      api.call('GET', `/integrated-accounts/${accountId}`, { token: issued.body.token });
    expect((await withIssued()).status).toBe(200);
    const cli = openStore({ dataDirectory: leg.config.dataDirectory as string });
    try {
      expect(await cli.revokeApiToken('acme', issued.body.id, new Date().toISOString())).toBe(true);
    } finally {
      await cli.close();
    }
    await pollUntil(async () => (await withIssued()).status === 401, 'the server refusing the revoked token');
  });

  it('sees its own process revoke the token and delete the account at once', async () => {
    const issued = await api.call('POST', '/api-token', { token, body: { name: 'revoked soon' } });
    const withIssued = () =>
      api.call('GET', `/integrated-accounts/${accountId}`, { token: issued.body.token });
    expect((await withIssued()).status).toBe(200);
    expect((await api.call('DELETE', `/api-token/${issued.body.id}`, { token })).status).toBe(200);
    expect((await withIssued()).status).toBe(401);

    expect((await api.call('DELETE', `/integrated-accounts/${accountId}`, { token })).status).toBe(200);
    expect(
      (
        await api.call('GET', '/unified/user-directory/users', {
          token,
          query: { integrated_account_id: accountId, limit: 1 },
        })
      ).status,
    ).toBe(404);
  });
});

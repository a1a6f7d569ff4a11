import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('list cursors', () => {
  let leg: StorageLeg;
  let fake: AzureAdFake;
  let api: TestServer;
  let token: string;
  const accounts: string[] = [];
  beforeAll(async () => {
    leg = await createSqliteLeg();
    fake = await startAzureAdFake({ users: 6 });
    api = await startTestServer({
      ...leg.config,
      allowedProviderHosts: [
        { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
      ],
    });
    token = await api.createToken('acme');
    for (const label of ['first', 'second']) {
      const created = await api.call('POST', '/integrated-accounts', {
        token,
        body: { integration: 'azure-ad', label, credentials: fake.credentials, settings: fake.settings },
      });
      accounts.push(created.body.id);
    }
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await leg?.dispose();
  });

  const page = (accountId: string | undefined, cursor?: string) =>
    api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: accountId, limit: 2, ...(cursor ? { next_cursor: cursor } : {}) },
    });

  it('continue only the account that issued them', async () => {
    const first = await page(accounts[0]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const elsewhere = await page(accounts[1], first.body.next_cursor);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.code).toBe('invalid_cursor');
    const continued = await page(accounts[0], first.body.next_cursor);
    expect(continued.status).toBe(200);
    expect(continued.body.result).toHaveLength(2);
  });

  it('continue only the resource and the filters that issued them', async () => {
    const first = await page(accounts[0]);
    const onGroups = await api.call('GET', '/unified/user-directory/groups', {
      token,
      query: { integrated_account_id: accounts[0], next_cursor: first.body.next_cursor },
    });
    expect(onGroups.status).toBe(400);
    expect(onGroups.body.code).toBe('invalid_cursor');
    const withAnotherFilter = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: {
        integrated_account_id: accounts[0],
        next_cursor: first.body.next_cursor,
        email: 'someone@unidir.test',
      },
    });
    expect(withAnotherFilter.status).toBe(400);
    expect(withAnotherFilter.body.code).toBe('invalid_cursor');
  });
});

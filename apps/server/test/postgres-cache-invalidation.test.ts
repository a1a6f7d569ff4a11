import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedRowMaxAgeMs } from '../src/storage/change-aware-cache.js';
import { longestPollMs, pollUntil } from './support/poll.js';
import { createPostgresLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  describe('cached accounts and tokens across two servers on one PostgreSQL', () => {
    it.skip('needs DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (skipped: DATABASE_URL is unset)', () => {});
  });
} else {
  describe('cached accounts and tokens across two servers on one PostgreSQL', () => {
    let leg: StorageLeg;
    let fake: AzureAdFake;
    let writer: TestServer;
    let reader: TestServer;
    let token: string;

    const createAccount = async () => {
      const created = await writer.call('POST', '/integrated-accounts', {
        token,
        body: { integration: 'azure-ad', credentials: fake.credentials, settings: fake.settings },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const listUsers = (server: TestServer, accountId: string, bearer = token) =>
      server.call('GET', '/unified/user-directory/users', {
        token: bearer,
        query: { integrated_account_id: accountId, limit: 2 },
      });

    beforeAll(async () => {
      // Every wait is shorter than the longest a cached row is trusted: only a notification can explain the
      // other server seeing a change in time.
      expect(longestPollMs).toBeLessThan(cachedRowMaxAgeMs);
      leg = await createPostgresLeg(databaseUrl);
      fake = await startAzureAdFake({ users: 5 });
      const config = {
        ...leg.config,
        allowedProviderHosts: [
          { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
        ],
      };
      writer = await startTestServer(config);
      reader = await startTestServer(config);
      token = await writer.createToken('acme');
      await pollUntil(
        () => writer.server.store.changes.watching && reader.server.store.changes.watching,
        'both servers listening for changes',
      );
    }, 60_000);

    afterAll(async () => {
      await Promise.all([writer?.close(), reader?.close()]);
      await fake?.close();
      await leg?.dispose();
    });

    it('sees an account updated by the other server', async () => {
      const accountId = await createAccount();
      const path = `/integrated-accounts/${accountId}`;
      expect((await reader.call('GET', path, { token })).body.label).toBeNull();
      expect((await writer.call('PATCH', path, { token, body: { label: 'renamed' } })).status).toBe(200);
      await pollUntil(
        async () => (await reader.call('GET', path, { token })).body.label === 'renamed',
        'the reader seeing the new label',
      );
    });

    it('sees an account marked for re-authorisation, then re-authorised, by the other server', async () => {
      const accountId = await createAccount();
      expect((await listUsers(reader, accountId)).status).toBe(200);
      // What a process does when the provider revokes the grant (the database credential store).
      await writer.server.store.updateAccount('acme', accountId, {
        status: 'needs_reauth',
        statusReason: 'the grant was revoked',
        updatedAt: new Date().toISOString(),
      });
      await pollUntil(
        async () => (await listUsers(reader, accountId)).body.code === 'integrated_account_reauth_required',
        'the reader refusing the account',
      );
      const reauthorised = await writer.call('PATCH', `/integrated-accounts/${accountId}`, {
        token,
        body: { credentials: fake.credentials },
      });
      expect(reauthorised.status).toBe(200);
      await pollUntil(
        async () => (await listUsers(reader, accountId)).status === 200,
        'the reader serving the account again',
      );
    });

    it('sees an account deleted by the other server', async () => {
      const accountId = await createAccount();
      expect((await listUsers(reader, accountId)).status).toBe(200);
      expect((await writer.call('DELETE', `/integrated-accounts/${accountId}`, { token })).status).toBe(200);
      await pollUntil(
        async () => (await listUsers(reader, accountId)).status === 404,
        'the reader answering 404',
      );
    });

    it('refuses an API token revoked on the other server', async () => {
      const accountId = await createAccount();
      const issued = await writer.call('POST', '/api-token', { token, body: { name: 'short-lived' } });
      expect(issued.status).toBe(201);
      expect((await listUsers(reader, accountId, issued.body.token)).status).toBe(200);
      expect((await writer.call('DELETE', `/api-token/${issued.body.id}`, { token })).status).toBe(200);
      await pollUntil(
        async () => (await listUsers(reader, accountId, issued.body.token)).status === 401,
        'the reader refusing the revoked token',
      );
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectorPackages } from '../src/config/server-config.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The README's walkthrough, on a sandbox account of every integration the server loads by default. */
describe('sandbox accounts of every default integration', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  let integrations: Array<{ id: string; sandbox_available: boolean }> = [];

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer({ ...leg.config, connectorPackages: [...defaultConnectorPackages] });
    token = await api.createToken('default');
    integrations = (await api.call('GET', '/integrations', { token })).body.result;
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('loads each first-party connector, the SCIM presets included, each with a sandbox', () => {
    const ids = integrations.map((integration) => integration.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'azure-ad',
        'google-workspace',
        'okta',
        'github',
        'slack',
        'scim',
        'figma-scim',
      ]),
    );
    expect(integrations.filter((integration) => !integration.sandbox_available)).toEqual([]);
  });

  it('lists users and plans a delete on a sandbox of each', async () => {
    for (const { id: integration } of integrations) {
      const account = await api.call('POST', '/integrated-accounts', {
        token,
        body: { integration, sandbox: true, sandbox_users: 12 },
      });
      expect(account.status, `${integration}: ${account.text.slice(0, 200)}`).toBe(201);
      const query = { integrated_account_id: account.body.id };
      const users = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { ...query, limit: 3 },
      });
      expect(users.status, `${integration}: ${users.text.slice(0, 200)}`).toBe(200);
      expect(users.body.result_count, integration).toBeGreaterThan(0);
      const userId = users.body.result[users.body.result.length - 1].id as string;
      const planned = await api.call(
        'DELETE',
        `/unified/user-directory/users/${encodeURIComponent(userId)}`,
        {
          token,
          query: { ...query, dry_run: true },
        },
      );
      expect(planned.status, `${integration}: ${planned.text.slice(0, 300)}`).toBe(200);
      expect(planned.body.dry_run, integration).toBe(true);
      expect(
        planned.body.provider_calls.filter((call: { outcome: string }) => call.outcome === 'planned').length,
        `${integration} plans at least one call`,
      ).toBeGreaterThan(0);
      // A tenant holds a few sandboxes at a time (UNIDIR_SANDBOX_MAX_PER_TENANT): each is closed after use.
      const deleted = await api.call('DELETE', `/integrated-accounts/${account.body.id}`, { token });
      expect(deleted.status).toBe(200);
    }
  });

  it('deletes a user named only by email, and the audit log keeps the id it resolved to', async () => {
    const account = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'scim', sandbox: true, sandbox_users: 5 },
    });
    const query = { integrated_account_id: account.body.id };
    const [user] = (
      await api.call('GET', '/unified/user-directory/users', { token, query: { ...query, limit: 1 } })
    ).body.result;
    const email = user.emails[0].email as string;
    const deleted = await api.call('DELETE', '/unified/user-directory/users', {
      token,
      query: { ...query, 'emails[0][email]': email },
    });
    expect(deleted.status, deleted.text.slice(0, 300)).toBe(200);
    expect(deleted.body.id).toBe(user.id);
    const [entry] = (await api.call('GET', '/audit-log', { token, query: { limit: 1 } })).body.result;
    expect(entry).toMatchObject({ operation: 'users.delete', target_id: user.id, outcome: 'succeeded' });
    await api.call('DELETE', `/integrated-accounts/${account.body.id}`, { token });
  });
});

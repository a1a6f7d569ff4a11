import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupFunction } from '../src/security/egress-agent.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The provider's own host names, resolved by a fake DNS to a private address (as a poisoned resolver or a
 * hostile network would): the server's egress agent must refuse to connect, and nothing may be sent.
 */
describe('provider calls go through the egress agent', () => {
  let leg: StorageLeg;
  let api: TestServer;
  const questions: string[] = [];
  const privateLookup: LookupFunction = (hostname, _options, callback) => {
    questions.push(hostname);
    callback(null, [{ address: '10.0.0.1', family: 4 }]);
  };

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config, { lookup: privateLookup });
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('refuses a provider host that resolves to a private address, before any connection', async () => {
    const token = await api.createToken('acme');
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: {
        integration: 'azure-ad',
        credentials: {
          tenant_id: 'contoso.onmicrosoft.com',
          client_id: 'client',
          client_secret: 'a-secret-value',
        },
      },
    });
    expect(created.status).toBe(201);
    const response = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: created.body.id },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'disallowed_provider_host',
      details: { host: 'login.microsoftonline.com:443', reason: 'resolves to a private address' },
    });
    expect(questions).toEqual(['login.microsoftonline.com']);
  });
});

import { connector as azureAd } from '@unidir/connector-azure-ad';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGeneratedDirectoryConnector } from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const credentials = (clientSecret: string, extra: Record<string, unknown> = {}) => ({
  integration: 'azure-ad',
  credentials: {
    tenant_id: 'contoso.onmicrosoft.com',
    client_id: 'app-1',
    client_secret: clientSecret,
    ...extra,
  },
});

describe("one tenant's credentials", () => {
  let leg: StorageLeg;
  let api: TestServer;
  let acme: string;
  let globex: string;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config, { connectors: [azureAd, createGeneratedDirectoryConnector()] });
    acme = await api.createToken('acme');
    globex = await api.createToken('globex');
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it("cannot alter another tenant's error bodies or break any log line", async () => {
    const created = await api.call('POST', '/integrated-accounts', {
      token: acme,
      body: credentials('{"statusCode":'),
    });
    expect(created.status).toBe(201);
    // acme's account is now in use, so its credentials are held decrypted.
    await api.call('GET', '/unified/user-directory/users', {
      token: acme,
      query: { integrated_account_id: created.body.id, limit: 'x' },
    });
    const missing = await api.call('GET', '/integrated-accounts/no-such-account', { token: globex });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ statusCode: 404, code: 'not_found' });
    const unauthenticated = await api.call('GET', '/integrated-accounts');
    expect(JSON.parse(unauthenticated.text)).toMatchObject({ statusCode: 401 });
    for (const line of api.logs) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('are refused when they hold a field the integration does not take, naming the field', async () => {
    const response = await api.call('POST', '/integrated-accounts', {
      token: acme,
      // This connector's schema would strip the field; the raw input used to be stored whole.
      body: { integration: 'generated', credentials: { users: 3, junk_1: 'x'.repeat(10) } },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_credentials' });
    expect(response.body.message).toContain('junk_1');
  });

  it('are refused beyond 32 KiB', async () => {
    const response = await api.call('POST', '/integrated-accounts', {
      token: acme,
      body: credentials('s'.repeat(40 * 1024)),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'credentials_too_large' });
  });
});

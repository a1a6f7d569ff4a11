import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGeneratedDirectoryConnector,
  startGeneratedSandbox,
} from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('unexpected errors', () => {
  let leg: StorageLeg;
  let api: TestServer;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config, {
      connectors: [createGeneratedDirectoryConnector()],
      sandboxes: { generated: startGeneratedSandbox },
    });
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('answers 500 internal_error naming the request id, and logs the details under that id', async () => {
    const token = await api.createToken('default');
    const account = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'generated', sandbox: true },
    });
    const response = await api.call('GET', '/unified/user-directory/users/user-1', {
      token,
      query: { integrated_account_id: account.body.id },
    });
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal_error',
    });
    const requestId = response.headers['x-request-id'] as string;
    expect(response.body.message).toContain(requestId);
    expect(response.text).not.toContain('connector bug');
    const logged = api.logs.find((line) => line.includes('connector bug while reading user-1'));
    expect(logged).toContain(requestId);
  });
});

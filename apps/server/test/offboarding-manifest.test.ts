import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGeneratedDirectoryConnector,
  startGeneratedSandbox,
} from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('offboarding with a connector whose manifest offers no lookup by email', () => {
  let leg: StorageLeg;
  let server: TestServer;
  let token: string;
  let pages = 0;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    server = await startTestServer(leg.config, {
      connectors: [createGeneratedDirectoryConnector(() => pages++)],
      sandboxes: { generated: startGeneratedSandbox },
    });
    token = await server.createToken('manifest-tenant');
    await server.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'generated', sandbox: true, sandbox_users: 3 },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await leg?.dispose();
  });

  it('asks for the user id instead of guessing, without reading the directory', async () => {
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: ['user1@generated.test'] }, dry_run: true },
    });
    expect(response.status).toBe(200);
    const [step] = response.body.steps;
    expect(step.status).toBe('needs_input');
    expect(step.reason).toContain('person.accounts');
    expect(step.reason).toContain('email filter');
    expect(pages).toBe(0);
  });
});

import type { StartConnectorSandbox } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSandboxPolicy, loadSandboxPolicy, type SandboxPolicy } from '../src/config/sandbox-policy.js';
import {
  createGeneratedDirectoryConnector,
  startGeneratedSandbox,
} from './support/generated-directory-connector.js';
import { createPostgresLeg, createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const open: Array<{ api: TestServer; leg: StorageLeg }> = [];
afterEach(async () => {
  for (const { api, leg } of open.splice(0)) {
    await api.close();
    await leg.dispose();
  }
});

async function serverWith(
  sandbox: Partial<SandboxPolicy>,
  starter: StartConnectorSandbox = startGeneratedSandbox,
) {
  const leg = await createSqliteLeg();
  const api = await startTestServer(
    { ...leg.config, sandbox: { ...defaultSandboxPolicy, ...sandbox } },
    { connectors: [createGeneratedDirectoryConnector()], sandboxes: { generated: starter } },
  );
  open.push({ api, leg });
  return api;
}

const createSandbox = (api: TestServer, token: string, extra: Record<string, unknown> = {}) =>
  api.call('POST', '/integrated-accounts', {
    token,
    body: { integration: 'generated', sandbox: true, ...extra },
  });

describe('sandbox accounts', () => {
  it('are off by default in production, on elsewhere, and UNIDIR_SANDBOX decides', () => {
    expect(loadSandboxPolicy({ NODE_ENV: 'production' }).enabled).toBe(false);
    expect(loadSandboxPolicy({}).enabled).toBe(true);
    expect(loadSandboxPolicy({ NODE_ENV: 'production', UNIDIR_SANDBOX: 'on' }).enabled).toBe(true);
    expect(loadSandboxPolicy({ UNIDIR_SANDBOX: 'off' }).enabled).toBe(false);
  });

  it('are refused when off', async () => {
    const api = await serverWith({ enabled: false });
    const response = await createSandbox(api, await api.createToken('acme'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('sandbox_disabled');
  });

  it('are capped per tenant and in size', async () => {
    const api = await serverWith({ maxPerTenant: 2 });
    const acme = await api.createToken('acme');
    expect((await createSandbox(api, acme)).status).toBe(201);
    expect((await createSandbox(api, acme)).status).toBe(201);
    const third = await createSandbox(api, acme);
    expect(third.status).toBe(400);
    expect(third.body.code).toBe('sandbox_limit_reached');
    expect((await createSandbox(api, await api.createToken('globex'))).status).toBe(201);
    const huge = await createSandbox(api, acme, { sandbox_users: 1_000_000 });
    expect(huge.status).toBe(400);
    expect(huge.body.code).toBe('sandbox_too_large');
  });

  it('cannot pass the per-tenant cap by being created at the same time', async () => {
    // A slow start widens the window between counting a tenant's sandboxes and writing the new one.
    const api = await serverWith({ maxPerTenant: 2 }, async (options) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return startGeneratedSandbox(options);
    });
    const acme = await api.createToken('acme');
    const answers = await Promise.all(Array.from({ length: 6 }, () => createSandbox(api, acme)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(2);
    expect(answers.filter((answer) => answer.body.code === 'sandbox_limit_reached')).toHaveLength(4);
    const listed = await api.call('GET', '/integrated-accounts', { token: acme });
    expect(listed.body.result).toHaveLength(2);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the cap holds across two server processes on one PostgreSQL database, and through the Truto route (skipped without DATABASE_URL)',
    async () => {
      const leg = await createPostgresLeg(process.env.DATABASE_URL as string);
      const slowStart: StartConnectorSandbox = async (options) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return startGeneratedSandbox(options);
      };
      const start = () =>
        startTestServer(
          { ...leg.config, sandbox: { ...defaultSandboxPolicy, maxPerTenant: 2 } },
          { connectors: [createGeneratedDirectoryConnector()], sandboxes: { generated: slowStart } },
        );
      const first = await start();
      const second = await start();
      try {
        const acme = await first.createToken('acme');
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            index % 4 === 3
              ? (index % 2 ? first : second).call('POST', '/sandbox-integrated-account', {
                  token: acme,
                  body: { id: 'generated' },
                })
              : createSandbox(index % 2 ? first : second, acme),
          ),
        );
        expect(answers.map((answer) => answer.status).sort()).toEqual([
          201, 201, 400, 400, 400, 400, 400, 400,
        ]);
        const listed = await second.call('GET', '/integrated-accounts', { token: acme });
        expect(listed.body.result).toHaveLength(2);
      } finally {
        await first.close();
        await second.close();
        await leg.dispose();
      }
    },
  );

  it('leave no account behind when the sandbox fails to start', async () => {
    const api = await serverWith({}, async () => {
      throw new Error('the fake could not listen');
    });
    const acme = await api.createToken('acme');
    expect((await createSandbox(api, acme)).status).toBeGreaterThanOrEqual(400);
    const listed = await api.call('GET', '/integrated-accounts', { token: acme });
    expect(listed.body.result).toEqual([]);
  });
});

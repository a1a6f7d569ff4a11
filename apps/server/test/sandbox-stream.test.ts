import { startSandbox } from '@unidir/connector-azure-ad/testing';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const sandboxStreamUsers = 5_000;

describe('sandbox accounts', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  const closedSandboxUrls: string[] = [];

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(
      {
        ...leg.config,
        connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
      },
      {
        sandboxes: {
          // The real Graph fake, with its close recorded.
          'azure-ad': async (options) => {
            const sandbox = await startSandbox(options);
            return {
              ...sandbox,
              close: async () => {
                closedSandboxUrls.push(String(sandbox.settings.base_url));
                await sandbox.close();
              },
            };
          },
        },
      },
    );
    token = await api.createToken('default');
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  const createSandbox = async (users?: number, integration = 'azure-ad') => {
    const response = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration, sandbox: true, ...(users ? { sandbox_users: users } : {}) },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; sandbox: boolean; sandbox_users?: number };
  };

  it('creates a seeded sandbox (200 users by default) and serves list, get and delete', async () => {
    const account = await createSandbox();
    expect(account).toMatchObject({ sandbox: true, integration: 'azure-ad', status: 'active' });
    const query = { integrated_account_id: account.id };
    const ids: string[] = [];
    let cursor = '';
    do {
      const page = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { ...query, limit: 100, next_cursor: cursor },
      });
      expect(page.status).toBe(200);
      ids.push(...page.body.result.map((user: { id: string }) => user.id));
      cursor = page.body.next_cursor ?? '';
    } while (cursor);
    expect(ids).toHaveLength(200);

    const deleted = await api.call('DELETE', `/unified/user-directory/users/${ids[0]}`, { token, query });
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(ids[0]);
    const gone = await api.call('GET', `/unified/user-directory/users/${ids[0]}`, { token, query });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not_found');
  });

  it('serves a Google Workspace sandbox the same way', async () => {
    const account = await createSandbox(7, 'google-workspace');
    const users = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: account.id },
    });
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(7);
    const groups = await api.call('GET', '/unified/user-directory/groups', {
      token,
      query: { integrated_account_id: account.id },
    });
    expect(groups.status).toBe(200);
    expect(groups.body.result.length).toBeGreaterThan(0);
  });

  it('refuses credentials or settings on a sandbox account, and more than a million users', async () => {
    const withSettings = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', sandbox: true, settings: { base_url: 'http://127.0.0.1:1/' } },
    });
    expect(withSettings.status).toBe(400);
    const tooMany = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', sandbox: true, sandbox_users: 1_000_001 },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('validation_failed');
  });

  it('closes the sandbox when its account is deleted', async () => {
    const account = await createSandbox(5);
    expect((await api.call('DELETE', `/integrated-accounts/${account.id}`, { token })).status).toBe(200);
    expect(closedSandboxUrls).toHaveLength(1);
    // Its mount on the shared sandbox listener is gone: nothing answers for it any more.
    const closed = await request(`${closedSandboxUrls[0]}/users`);
    expect(closed.statusCode).toBe(404);
    expect(await closed.body.json()).toMatchObject({ error: { message: 'No sandbox is mounted here.' } });
    const after = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: account.id },
    });
    expect(after.status).toBe(404);
  });

  it('streams a sandbox directory across every provider page as NDJSON', async () => {
    const account = await createSandbox(sandboxStreamUsers);
    const response = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: account.id, truto_response_format: 'stream', limit: 999 },
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const users = response.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; remote_data?: unknown });
    expect(new Set(users.map((user) => user.id)).size).toBe(sandboxStreamUsers);
    expect(users[0]?.remote_data).toBeDefined();
  });
});

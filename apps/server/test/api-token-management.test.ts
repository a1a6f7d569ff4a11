import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken } from '../src/security/api-tokens.js';
import { createServer } from '../src/server.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('API tokens', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let admin: string;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config);
    admin = await api.createToken('acme');
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  const createToken = async (body: Record<string, unknown>) => {
    const created = await api.call('POST', '/api-token', { token: admin, body });
    expect(created.status).toBe(201);
    return created.body as { id: string; token: string; prefix: string };
  };

  it('are created with a scope and listed by prefix, name and dates, never by their secret', async () => {
    const created = await createToken({ name: 'reporting', scope: 'read' });
    expect(created.token).toMatch(/^unidir_/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect((await api.call('GET', '/integrated-accounts', { token: created.token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const listed = await api.call('GET', '/api-token', { token: admin });
    const entry = listed.body.result.find((token: { id: string }) => token.id === created.id);
    expect(entry).toEqual({
      id: created.id,
      name: 'reporting',
      prefix: created.prefix,
      scope: 'read',
      created_at: expect.any(String),
      expires_at: null,
      last_used_at: expect.any(String),
    });
    expect(listed.text).not.toContain(created.token);
  });

  it('with the read scope cannot delete, offboard, create accounts or manage tokens', async () => {
    const reader = (await createToken({ scope: 'read' })).token;
    for (const [method, path] of [
      ['DELETE', '/unified/user-directory/users/someone?integrated_account_id=x'],
      ['POST', '/integrated-accounts'],
      ['DELETE', '/integrated-accounts/x'],
      ['GET', '/api-token'],
    ] as const) {
      const response = await api.call(method, path, {
        token: reader,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('insufficient_scope');
    }
    const writer = (await createToken({ scope: 'write' })).token;
    expect((await api.call('GET', '/api-token', { token: writer })).status).toBe(403);
    expect((await api.call('DELETE', '/integrated-accounts/x', { token: writer })).status).toBe(404);
  });

  it('stop authenticating once revoked, or once expired', async () => {
    const created = await createToken({ scope: 'read' });
    expect((await api.call('GET', '/integrated-accounts', { token: created.token })).status).toBe(200);
    expect((await api.call('DELETE', `/api-token/${created.id}`, { token: admin })).status).toBe(200);
    expect((await api.call('GET', '/integrated-accounts', { token: created.token })).status).toBe(401);
    expect((await api.call('DELETE', `/api-token/${created.id}`, { token: admin })).status).toBe(404);

    const expired = generateApiToken();
    await api.server.store.createApiToken({
      id: randomUUID(),
      tenantId: 'acme',
      name: 'old',
      tokenHash: hashApiToken(expired),
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await api.call('GET', '/integrated-accounts', { token: expired })).status).toBe(401);
    const past = await api.call('POST', '/api-token', {
      token: admin,
      body: { expires_at: '2001-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
  });
});

describe('the bootstrap token', () => {
  it('is revoked when the variable changes or is removed, and refused at start when it cannot authenticate', async () => {
    const leg = await createSqliteLeg();
    const first = `unidir_${randomBytes(24).toString('hex')}`;
    const second = `unidir_${randomBytes(24).toString('hex')}`;
    const status = async (bootstrapToken: string | undefined, token: string) => {
      const api = await startTestServer({ ...leg.config, ...(bootstrapToken ? { bootstrapToken } : {}) });
      const response = await api.call('GET', '/integrated-accounts', { token });
      await api.close();
      return response.status;
    };
    expect(await status(first, first)).toBe(200);
    expect(await status(second, first)).toBe(401);
    expect(await status(second, second)).toBe(200);
    expect(await status(undefined, second)).toBe(401);
    await expect(
      createServer({
        config: { ...leg.config, bootstrapToken: 'unidir_with a space inside it_0123456789' },
        logDestination: { write: () => {} },
      }),
    ).rejects.toMatchObject({ code: 'invalid_configuration' });
    await leg.dispose();
  });
});

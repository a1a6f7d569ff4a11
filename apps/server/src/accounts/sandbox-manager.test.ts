import { startSandbox as startAzureAdSandbox } from '@unidir/connector-azure-ad/testing';
import { startSandbox as startOktaSandbox } from '@unidir/connector-okta/testing';
import type { StartConnectorSandbox } from '@unidir/core';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxManager } from './sandbox-manager.js';

const starters: Record<string, StartConnectorSandbox> = {
  'azure-ad': startAzureAdSandbox,
  okta: startOktaSandbox,
};

describe('SandboxManager', () => {
  let manager: SandboxManager;
  afterEach(async () => {
    await manager?.closeAll();
  });

  it('mounts every sandbox on one loopback listener, each under a path of its own', async () => {
    manager = new SandboxManager(async (integration) => starters[integration]);
    const sandboxes = await Promise.all(
      ['azure-ad', 'azure-ad', 'okta', 'okta'].map((integration, index) =>
        manager.get({ id: `account-${index}`, integration, sandboxUsers: 5 }),
      ),
    );
    const origins = new Set(manager.allowedDestinations().map((host) => `${host.hostname}:${host.port}`));
    expect(origins.size).toBe(1);
    const baseUrls = sandboxes.map((sandbox) =>
      String(sandbox.settings.base_url ?? sandbox.settings.org_url),
    );
    expect(new Set(baseUrls).size).toBe(4);
    for (const url of baseUrls) expect(new URL(url).hostname).toBe('127.0.0.1');

    // Each answers under its own path with its own data: an Okta API token opens only its own fake.
    const [, , first, second] = sandboxes;
    const usersOf = (sandbox: typeof first, token: unknown) =>
      request(`${sandbox?.settings.org_url}/api/v1/users?limit=2`, {
        headers: { authorization: `SSWS ${token}` },
      });
    const own = await usersOf(first, first?.credentials.api_token);
    expect(own.statusCode).toBe(200);
    const links = String(own.headers.link ?? '');
    // Links lead back through the same mount.
    expect(links).toContain(String(first?.settings.org_url));
    await own.body.dump();
    const crossed = await usersOf(second, first?.credentials.api_token);
    expect(crossed.statusCode).toBe(401);
    await crossed.body.dump();
  });

  it('a closed sandbox no longer answers, while the others do', async () => {
    manager = new SandboxManager(async (integration) => starters[integration]);
    const kept = await manager.get({ id: 'kept', integration: 'okta', sandboxUsers: 3 });
    const closed = await manager.get({ id: 'closed', integration: 'okta', sandboxUsers: 3 });
    await manager.close('closed');
    const answerOf = async (sandbox: typeof kept) => {
      const response = await request(`${sandbox.settings.org_url}/api/v1/users`, {
        headers: { authorization: `SSWS ${sandbox.credentials.api_token}` },
      });
      await response.body.dump();
      return response.statusCode;
    };
    expect(await answerOf(kept)).toBe(200);
    expect(await answerOf(closed)).toBe(404);
  });
});

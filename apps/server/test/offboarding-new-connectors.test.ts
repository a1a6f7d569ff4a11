import { startGitHubFake } from '@unidir/connector-github/testing';
import { startOktaFake } from '@unidir/connector-okta/testing';
import { startScimFake } from '@unidir/connector-scim/testing';
import { startSlackFake } from '@unidir/connector-slack/testing';
import type { StartConnectorSandbox } from '@unidir/core';
import type { FakeProviderServer } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface StartedFake {
  server: FakeProviderServer;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

/** Okta, GitHub, Slack and SCIM gain offboarding through their manifests: planned, then sent exactly once. */
const fakeStarters: Record<string, (users: number) => Promise<StartedFake>> = {
  okta: (users) => startOktaFake({ users }) as Promise<StartedFake>,
  github: (users) => startGitHubFake({ users }) as Promise<StartedFake>,
  slack: (users) => startSlackFake({ users }) as Promise<StartedFake>,
  scim: (users) => startScimFake({ users }) as Promise<StartedFake>,
};
const integrations = Object.keys(fakeStarters);

interface PlannedCall {
  method: string;
  url: string;
  outcome: string;
}

const mutating = (method: string) => method !== 'GET' && method !== 'HEAD';
const pathOf = (url: string) => new URL(url).pathname;

describe('offboarding on sandbox accounts of Okta, GitHub, Slack and SCIM', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  const fakes = new Map<string, FakeProviderServer>();
  const accounts = new Map<string, string>();
  const leavers = new Map<string, string>();

  const sandboxes: Record<string, StartConnectorSandbox> = Object.fromEntries(
    integrations.map((integration) => [
      integration,
      async () => {
        const fake = await (fakeStarters[integration] as (users: number) => Promise<StartedFake>)(8);
        fakes.set(integration, fake.server);
        return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
      },
    ]),
  );

  async function waitForEnd(id: string) {
    let run = await api.call('GET', `/offboardings/${id}`, { token });
    for (let attempt = 0; attempt < 300 && ['running', 'cancelling'].includes(run.body.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await api.call('GET', `/offboardings/${id}`, { token });
    }
    return run.body;
  }

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(
      {
        ...leg.config,
        connectorPackages: integrations.map((integration) => `@unidir/connector-${integration}`),
      },
      { sandboxes },
    );
    token = await api.createToken('offboarding-new-connectors');
    for (const integration of integrations) {
      const created = await api.call('POST', '/integrated-accounts', {
        token,
        body: { integration, sandbox: true },
      });
      expect(created.status, created.text).toBe(201);
      accounts.set(integration, created.body.id);
      const users = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: created.body.id, limit: 5 },
      });
      expect(users.status, users.text).toBe(200);
      // Not the first user: seeded directories make the first one an admin.
      leavers.set(integration, users.body.result[3].id);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('plans each account, then sends exactly the planned calls, once each', async () => {
    const person = {
      accounts: Object.fromEntries(
        integrations.map((integration) => [accounts.get(integration), leavers.get(integration)]),
      ),
    };
    const planned = await api.call('POST', '/offboardings', { token, body: { person, dry_run: true } });
    expect(planned.status, planned.text).toBe(200);
    const plans = new Map<string, PlannedCall[]>();
    for (const step of planned.body.steps) {
      expect(step.status, JSON.stringify(step)).toBe('planned');
      const calls = (step.plan.provider_calls as PlannedCall[]).filter((call) => call.outcome === 'planned');
      expect(calls.length, `${step.integration} plans a change`).toBeGreaterThan(0);
      plans.set(step.integrated_account_id, calls);
    }
    expect(plans.size).toBe(integrations.length);
    for (const server of fakes.values()) server.journal.clear();

    const started = await api.call('POST', '/offboardings', { token, body: { person, reason: 'left' } });
    expect([200, 202]).toContain(started.status);
    const run = await waitForEnd(started.body.id);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    for (const integration of integrations) {
      const accountId = accounts.get(integration) as string;
      const step = run.steps.find(
        (each: { integrated_account_id: string }) => each.integrated_account_id === accountId,
      );
      expect(['done', 'already_done'], `${integration}: ${JSON.stringify(step)}`).toContain(step.status);
      const sent = (fakes.get(integration) as FakeProviderServer).journal.entries
        .filter((entry) => mutating(entry.method) && entry.handled)
        .map((entry) => `${entry.method} ${entry.path}`);
      const expected = (plans.get(accountId) ?? []).map((call) => `${call.method} ${pathOf(call.url)}`);
      expect(sent, `${integration} received exactly the planned calls, once each`).toEqual(expected);
    }
  });
});

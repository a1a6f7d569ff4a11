import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allDeletes,
  deletesOf,
  leaverEmail,
  type OffboardingFake,
  offboardingIntegrations,
  recordingSandboxes,
} from './support/offboarding-fakes.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('offboarding on sandbox accounts of every connector', () => {
  let leg: StorageLeg;
  let server: TestServer;
  let token: string;
  const { sandboxes, started } = recordingSandboxes();
  const accounts = new Map<string, string>();
  const fakeOf = (accountId: string) => started[[...accounts.values()].indexOf(accountId)] as OffboardingFake;

  async function waitForEnd(id: string) {
    let run = await server.call('GET', `/offboardings/${id}`, { token });
    for (let attempt = 0; attempt < 200 && ['running', 'cancelling'].includes(run.body.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await server.call('GET', `/offboardings/${id}`, { token });
    }
    if (['running', 'cancelling'].includes(run.body.status)) {
      throw new Error(`offboarding ${id} did not end: ${run.text}`);
    }
    return run.body;
  }

  beforeAll(async () => {
    leg = await createSqliteLeg();
    server = await startTestServer(
      {
        ...leg.config,
        connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
      },
      { sandboxes },
    );
    token = await server.createToken('offboarding-tenant');
    for (const integration of offboardingIntegrations) {
      const created = await server.call('POST', '/integrated-accounts', {
        token,
        body: { integration, sandbox: true, label: `${integration} sandbox` },
      });
      expect(created.status).toBe(201);
      accounts.set(integration, created.body.id);
      // The sandbox starts on first use: list once so `started` follows the accounts' order.
      await server.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: created.body.id, limit: 1 },
      });
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await leg?.dispose();
  });

  it('a dry run resolves and plans every account and changes nothing', async () => {
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: [leaverEmail] }, dry_run: true, reason: 'left the company' },
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('planned');
    expect(response.body.steps).toHaveLength(offboardingIntegrations.length);
    for (const step of response.body.steps) {
      const fake = fakeOf(step.integrated_account_id);
      expect(step.status).toBe('planned');
      expect(step.user_id).toBe(fake.leaverId);
      expect(step.plan.actions).toEqual([
        { action: 'soft_delete', target: fake.leaverId, outcome: 'planned' },
      ]);
      expect(step.plan.provider_calls).toEqual([
        expect.objectContaining({ method: 'DELETE', outcome: 'planned' }),
      ]);
      expect(allDeletes(fake)).toHaveLength(0);
    }
  });

  it('an unknown email changes nothing anywhere and says why', async () => {
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: ['nobody.here@unidir.test'] } },
    });
    expect(response.status).toBe(202);
    const run = await waitForEnd(response.body.id);
    expect(run.status).toBe('failed');
    for (const step of run.steps) {
      expect(step.status).toBe('not_found');
      expect(step.reason).toContain('nobody.here@unidir.test');
      expect(allDeletes(fakeOf(step.integrated_account_id))).toHaveLength(0);
    }
  });

  it('an ambiguous email changes nothing in that account and lists the candidates', async () => {
    const azure = fakeOf(accounts.get('azure-ad') as string);
    const other = azure.directory.listUsers({ offset: 0, limit: 1 }).users[0];
    if (!other) throw new Error('the fake has no seeded user');
    azure.directory.extras.set(other.id, { otherMails: [leaverEmail] });
    try {
      const response = await server.call('POST', '/offboardings', {
        token,
        body: { person: { emails: [leaverEmail] }, integrated_account_ids: [accounts.get('azure-ad')] },
      });
      const run = await waitForEnd(response.body.id);
      const [step] = run.steps;
      expect(step.status).toBe('ambiguous');
      expect(step.found.map((user: { id: string }) => user.id).sort()).toEqual(
        [azure.leaverId, other.id].sort(),
      );
      expect(allDeletes(azure)).toHaveLength(0);
    } finally {
      azure.directory.extras.delete(other.id);
    }
  });

  it('acts once per account, journal-checked, and keeps the record with provider request ids', async () => {
    const response = await server.call('POST', '/offboardings', {
      token,
      headers: { 'idempotency-key': 'offboard-alice-1' },
      body: { person: { emails: [leaverEmail] }, reason: 'left the company' },
    });
    expect(response.status).toBe(202);
    const replay = await server.call('POST', '/offboardings', {
      token,
      headers: { 'idempotency-key': 'offboard-alice-1' },
      body: { person: { emails: [leaverEmail] }, reason: 'left the company' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(response.body.id);

    const run = await waitForEnd(response.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.reason).toBe('left the company');
    expect(run.requested_by.api_token_id).toEqual(expect.any(String));
    for (const step of run.steps) {
      const fake = fakeOf(step.integrated_account_id);
      expect(step.status).toBe('done');
      expect(step.actions).toEqual([{ action: 'soft_delete', target: fake.leaverId, outcome: 'done' }]);
      expect(step.attempts).toBe(1);
      expect(deletesOf(fake, fake.leaverId)).toHaveLength(1);
      expect(allDeletes(fake)).toHaveLength(1);
    }
    const audit = await server.call('GET', '/audit-log', { token, query: { limit: 50 } });
    const stepEntries = audit.body.result.filter(
      (entry: { operation: string; options: { offboarding_id?: string } }) =>
        entry.operation === 'offboardings.step' && entry.options.offboarding_id === run.id,
    );
    expect(stepEntries).toHaveLength(offboardingIntegrations.length);
    for (const entry of stepEntries) {
      const step = run.steps.find((candidate: { id: string }) => candidate.id === entry.options.step_id);
      expect(entry.options.status).toBe('done');
      expect(entry.target_id).toBe(step.user_id);
      expect(entry.provider_request_ids).toEqual(step.provider_request_ids);
    }
    // Graph names every answer with a request-id header; it is the proof a support case needs.
    const azureStep = run.steps.find((step: { integration: string }) => step.integration === 'azure-ad');
    expect(azureStep.provider_request_ids).toHaveLength(1);
  });

  it('a second run for the same person finds them gone: nothing more is sent', async () => {
    const before = started.map((fake) => allDeletes(fake).length);
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: [leaverEmail] } },
    });
    const run = await waitForEnd(response.body.id);
    expect(run.steps.map((step: { status: string }) => step.status)).toEqual(
      offboardingIntegrations.map(() => 'not_found'),
    );
    expect(started.map((fake) => allDeletes(fake).length)).toEqual(before);
  });

  it('takes the action asked for one integration and the default elsewhere, each call once', async () => {
    const dave = { givenName: 'Dave', familyName: 'Leaver', username: 'dave.leaver' };
    const ids = new Map(started.map((fake) => [fake.integration, fake.createUser(dave)]));
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: ['dave.leaver@unidir.test'] }, action: { 'azure-ad': 'permanent_delete' } },
    });
    const run = await waitForEnd(response.body.id);
    expect(run.status).toBe('succeeded');
    const azureId = ids.get('azure-ad') as string;
    const azureStep = run.steps.find((step: { integration: string }) => step.integration === 'azure-ad');
    expect(azureStep.options).toEqual({ permanent: 'true' });
    expect(azureStep.actions).toEqual([
      { action: 'soft_delete', target: azureId, outcome: 'done' },
      { action: 'permanent_delete', target: azureId, outcome: 'done' },
    ]);
    const azure = fakeOf(accounts.get('azure-ad') as string);
    // Graph: the user, then the same id in the recycle bin; each once.
    expect(deletesOf(azure, azureId).map((entry) => entry.path)).toEqual([
      `/v1.0/users/${azureId}`,
      `/v1.0/directory/deletedItems/${azureId}`,
    ]);
    const google = fakeOf(accounts.get('google-workspace') as string);
    const googleStep = run.steps.find(
      (step: { integration: string }) => step.integration === 'google-workspace',
    );
    expect(googleStep.actions).toEqual([
      { action: 'soft_delete', target: ids.get('google-workspace'), outcome: 'done' },
    ]);
    expect(deletesOf(google, ids.get('google-workspace') as string)).toHaveLength(1);
  });

  it('refuses an action a connector would not take, before any change', async () => {
    const azure = fakeOf(accounts.get('azure-ad') as string);
    const bobId = azure.createUser({ givenName: 'Bob', familyName: 'Leaver', username: 'bob.leaver' });
    const response = await server.call('POST', '/offboardings', {
      token,
      body: {
        person: { accounts: { [accounts.get('azure-ad') as string]: bobId } },
        action: 'deactivate',
      },
    });
    const run = await waitForEnd(response.body.id);
    expect(run.steps[0].status).toBe('needs_input');
    expect(run.steps[0].reason).toContain('would do soft_delete, not deactivate');
    expect(deletesOf(azure, bobId)).toHaveLength(0);
  });

  it('retries only the failed steps, and streams progress as events', async () => {
    const google = fakeOf(accounts.get('google-workspace') as string);
    const azure = fakeOf(accounts.get('azure-ad') as string);
    const carol = { givenName: 'Carol', familyName: 'Leaver', username: 'carol.leaver' };
    const ids = new Map(started.map((fake) => [fake, fake.createUser(carol)]));
    google.server.injectFault({
      route: 'users.delete',
      times: 1,
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { code: 400, message: 'Invalid Input', errors: [{ reason: 'invalid' }] } },
      },
    });
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: ['carol.leaver@unidir.test'] } },
    });
    const events = await server.call('GET', `/offboardings/${response.body.id}/events`, { token });
    expect(events.headers['content-type']).toContain('text/event-stream');
    expect(events.text).toContain('event: step');
    expect(events.text).toMatch(/event: end\ndata: \{"id":"[^"]+","status":"partially_failed"\}/);

    const failed = await waitForEnd(response.body.id);
    const googleStep = failed.steps.find(
      (step: { integration: string }) => step.integration === 'google-workspace',
    );
    expect(googleStep.status).toBe('failed');
    expect(googleStep.error.status_code).toBe(400);

    const retried = await server.call('POST', `/offboardings/${response.body.id}/retry`, { token });
    expect(retried.status).toBe(200);
    const run = await waitForEnd(response.body.id);
    expect(run.status).toBe('succeeded');
    expect(deletesOf(google, ids.get(google) as string).filter((entry) => entry.status < 300)).toHaveLength(
      1,
    );
    expect(deletesOf(azure, ids.get(azure) as string)).toHaveLength(1);
  });

  it('keeps tenants apart and pages the list of runs', async () => {
    const otherToken = await server.createToken('another-tenant');
    const list = await server.call('GET', '/offboardings', { token, query: { limit: 2 } });
    expect(list.body.result).toHaveLength(2);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const next = await server.call('GET', '/offboardings', {
      token,
      query: { limit: 2, next_cursor: list.body.next_cursor },
    });
    expect(next.body.result[0].id).not.toBe(list.body.result[1].id);
    const foreign = await server.call('GET', `/offboardings/${list.body.result[0].id}`, {
      token: otherToken,
    });
    expect(foreign.status).toBe(404);
    expect((await server.call('GET', '/offboardings', { token: otherToken })).body.result).toEqual([]);
  });

  it('refuses a list filter it does not have, rather than answering the whole list', async () => {
    const filtered = await server.call('GET', '/offboardings', { token, query: { status: 'failed' } });
    expect(filtered.status).toBe(400);
    expect(filtered.body).toMatchObject({ code: 'unsupported_parameter', details: { parameter: 'status' } });
    const audit = await server.call('GET', '/audit-log', { token, query: { operation: 'users.delete' } });
    expect(audit.status).toBe(400);
    expect(audit.body.code).toBe('unsupported_parameter');
  });

  it('refuses a malformed request with a stable code before anything runs', async () => {
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: ['not-an-email'] } },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_offboarding');
    const sneakyDryRun = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: [leaverEmail] }, options: { 'azure-ad': { dry_run: true } } },
    });
    expect(sneakyDryRun.status).toBe(400);
    expect(sneakyDryRun.body.code).toBe('invalid_offboarding');
    const unknownAccount = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: [leaverEmail] }, integrated_account_ids: ['no-such-account'] },
    });
    expect(unknownAccount.status).toBe(404);
  });

  it('is documented in the OpenAPI document', async () => {
    const document = await server.call('GET', '/openapi.json');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/offboardings',
        '/offboardings/{id}',
        '/offboardings/{id}/events',
        '/offboardings/{id}/cancel',
        '/offboardings/{id}/retry',
      ]),
    );
  });
});

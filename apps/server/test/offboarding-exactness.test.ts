import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffboardingStore } from '../src/offboarding/offboarding-store.js';
import type { ActionView } from '../src/offboarding/offboarding-types.js';
import {
  deletesOf,
  leaverEmail,
  type OffboardingFake,
  recordingSandboxes,
} from './support/offboarding-fakes.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('offboarding steps whose answer was lost, and cancelled runs', () => {
  let leg: StorageLeg;
  let server: TestServer;
  let token: string;
  let accountId: string;
  let fake: OffboardingFake;
  let store: OffboardingStore;
  const { sandboxes, started } = recordingSandboxes();

  async function waitForEnd(id: string) {
    for (let attempt = 0; attempt < 200; attempt++) {
      const run = await server.call('GET', `/offboardings/${id}`, { token });
      if (!['running', 'cancelling'].includes(run.body.status)) return run.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`offboarding ${id} did not end`);
  }

  /** What a restarted server finds: a step recorded `sent` before its call, with no answer recorded. */
  async function insertSentStep(userId: string, actions: ActionView[]): Promise<string> {
    const runId = `off_${randomUUID()}`;
    const now = new Date().toISOString();
    const [tokenRow] = await server.server.store.driver.all<{ id: string }>(
      'SELECT id FROM api_tokens LIMIT 1',
    );
    await store.insertRun(
      {
        id: runId,
        tenantId: 'exactness-tenant',
        status: 'running',
        person: { emails: [leaverEmail] },
        action: null,
        options: {},
        dryRun: false,
        reason: null,
        requestedBy: tokenRow?.id ?? 'test',
        requestId: 'test',
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      },
      [
        {
          id: `step_${randomUUID()}`,
          accountId,
          integration: 'azure-ad',
          userId,
          requestedAction: null,
          deleteOptions: {},
          status: 'sent',
          reason: null,
        },
      ],
      // Held by a process that died: the lease has expired.
      { owner: 'a-dead-process', expiresAt: Date.now() - 1 },
    );
    await server.server.store.driver.run(
      'UPDATE offboarding_steps SET plan = ?, attempts = 1 WHERE run_id = ?',
      [JSON.stringify({ provider_calls: [], actions }), runId],
    );
    return runId;
  }

  beforeAll(async () => {
    leg = await createSqliteLeg();
    server = await startTestServer({ ...leg.config }, { sandboxes });
    token = await server.createToken('exactness-tenant');
    const created = await server.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', sandbox: true },
    });
    accountId = created.body.id;
    await server.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: accountId, limit: 1 },
    });
    fake = started[0] as OffboardingFake;
    store = new OffboardingStore(server.server.store.driver);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await leg?.dispose();
  });

  it('reads before anything: a user already gone makes the step already_done, with no call re-sent', async () => {
    const userId = fake.createUser({ givenName: 'Gone', familyName: 'Already', username: 'gone.already' });
    fake.directory.deleteUser(userId);
    const runId = await insertSentStep(userId, [
      { action: 'soft_delete', target: userId, outcome: 'planned' },
    ]);
    const run = await waitForEnd(runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].status).toBe('already_done');
    expect(run.steps[0].reason).toContain('answer was lost');
    expect(run.steps[0].attempts).toBe(1);
    expect(deletesOf(fake, userId)).toHaveLength(0);
    expect(fake.server.journal.forRoute('users.get').some((entry) => entry.path.endsWith(userId))).toBe(true);
  });

  it('sends once when the read proves the first call never arrived', async () => {
    const userId = fake.createUser({ givenName: 'Still', familyName: 'Here', username: 'still.here' });
    const runId = await insertSentStep(userId, [
      { action: 'soft_delete', target: userId, outcome: 'planned' },
    ]);
    const run = await waitForEnd(runId);
    expect(run.steps[0].status).toBe('done');
    expect(run.steps[0].attempts).toBe(2);
    expect(deletesOf(fake, userId)).toHaveLength(1);
  });

  it('sends nothing when a read cannot tell whether the call took effect', async () => {
    const userId = fake.createUser({ givenName: 'Group', familyName: 'Member', username: 'group.member' });
    const runId = await insertSentStep(userId, [
      { action: 'remove_from_group', target: 'g1', outcome: 'planned' },
    ]);
    const run = await waitForEnd(runId);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error.code).toBe('outcome_unknown');
    expect(
      fake.server.journal.forRoute((entry) => entry.method === 'DELETE' && entry.path.includes(userId)),
    ).toEqual([]);
  });

  it('cancel skips the steps not yet started: nothing is sent', async () => {
    fake.server.injectFault({ route: 'users.list', times: 1, fault: { kind: 'delay', ms: 500 } });
    const response = await server.call('POST', '/offboardings', {
      token,
      body: { person: { emails: [leaverEmail] } },
    });
    const cancelled = await server.call('POST', `/offboardings/${response.body.id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    const run = await waitForEnd(response.body.id);
    expect(run.status).toBe('cancelled');
    expect(run.steps[0].status).toBe('skipped');
    expect(run.steps[0].reason).toContain('cancelled');
    // The resolution in flight finishes its read, then finds the step no longer its own.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(deletesOf(fake, fake.leaverId)).toHaveLength(0);
    expect(
      (await server.call('GET', `/offboardings/${response.body.id}`, { token })).body.steps[0].status,
    ).toBe('skipped');
  });
});

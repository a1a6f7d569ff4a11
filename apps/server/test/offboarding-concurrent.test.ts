import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** Two offboardings of one person started at once: the second to reach the provider finds the work done. */
describe('concurrent offboardings of the same person', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  let email: string;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer({
      ...leg.config,
      connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
    });
    token = await api.createToken('concurrent');
    for (const integration of ['azure-ad', 'google-workspace']) {
      const created = await api.call('POST', '/integrated-accounts', {
        token,
        body: { integration, sandbox: true, sandbox_users: 10 },
      });
      expect(created.status).toBe(201);
      const users = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: created.body.id, limit: 4 },
      });
      email = users.body.result[3].emails[0].email;
    }
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  async function waitForEnd(id: string) {
    let run = await api.call('GET', `/offboardings/${id}`, { token });
    for (let attempt = 0; attempt < 300 && ['running', 'cancelling'].includes(run.body.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await api.call('GET', `/offboardings/${id}`, { token });
    }
    return run.body;
  }

  it('ends both runs succeeded, the later steps already_done rather than failed', async () => {
    const started = await Promise.all(
      [1, 2, 3].map(() =>
        api.call('POST', '/offboardings', { token, body: { person: { emails: [email] } } }),
      ),
    );
    const runs = await Promise.all(started.map((response) => waitForEnd(response.body.id)));
    const resolved = runs.flatMap((run) =>
      run.steps.filter((step: { status: string }) => step.status !== 'not_found'),
    );
    expect(resolved.length, 'the person was found in both accounts by at least one run').toBeGreaterThan(0);
    for (const step of resolved) expect(['done', 'already_done']).toContain(step.status);
    const done = resolved.filter((step: { status: string }) => step.status === 'done');
    expect(done.length, 'each account was changed by exactly one run').toBe(2);
  });
});

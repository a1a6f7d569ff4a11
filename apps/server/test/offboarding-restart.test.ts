import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaverEmail } from './support/offboarding-fakes.js';
import { callJson, type Fleet, startFleet, waitForRunEnd } from './support/offboarding-fleet.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';

const accountCount = 50;

describe('a server killed (SIGKILL) in the middle of a 50-account offboarding', () => {
  const token = `unidir_${randomBytes(24).toString('hex')}`;
  let leg: StorageLeg;
  let fleet: Fleet;
  let environment: Record<string, string>;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    fleet = await startFleet(accountCount);
    environment = {
      ...fleet.environment,
      UNIDIR_DATA_DIR: leg.config.dataDirectory as string,
      UNIDIR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      UNIDIR_BOOTSTRAP_TOKEN: token,
      UNIDIR_OFFBOARDING_LEASE_SECONDS: '2',
    };
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await fleet?.close();
    await leg?.dispose();
  });

  it('resumes after a restart and completes with every provider delete made exactly once', async () => {
    server = await startServerProcess(environment);
    const accountIds = await fleet.connect(server.url, token);
    // Access tokens are fetched (and stored) first: a process killed while fetching one leaves its token lock
    // held for a minute, which steps would only wait out (retried, with backoff).
    for (const accountId of accountIds) {
      await callJson(
        server.url,
        token,
        'GET',
        `/unified/user-directory/users?integrated_account_id=${accountId}&limit=1`,
      );
    }
    // Slow deletes keep several steps in flight (sent, unanswered) when the process dies.
    for (const fake of fleet.fakes) {
      fake.server.injectFault({ method: 'DELETE', fault: { kind: 'delay', ms: 400 } });
    }
    const created = await callJson(server.url, token, 'POST', '/offboardings', {
      person: { emails: [leaverEmail] },
      reason: 'restart test',
    });
    expect(created.status).toBe(202);
    expect(created.body.steps).toHaveLength(accountCount);

    for (;;) {
      const run = await callJson(server.url, token, 'GET', `/offboardings/${created.body.id}`);
      // Killed while a step is sent and unanswered: on a loaded machine "8 done" alone can fall between steps.
      if ((run.body.step_counts.done ?? 0) >= 8 && (run.body.step_counts.sent ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const exited = once(server.child, 'exit');
    server.child.kill('SIGKILL');
    await exited;

    const database = new Database(join(leg.config.dataDirectory as string, 'unidir.sqlite'), {
      readonly: true,
    });
    const atKill = database
      .prepare('SELECT status, COUNT(*) AS steps FROM offboarding_steps GROUP BY status')
      .all() as Array<{ status: string; steps: number }>;
    database.close();
    const countAtKill = (status: string) => atKill.find((row) => row.status === status)?.steps ?? 0;
    expect(countAtKill('done')).toBeLessThan(accountCount);
    expect(countAtKill('sent')).toBeGreaterThan(0);

    server = await startServerProcess(environment);
    const run = await waitForRunEnd(server.url, token, created.body.id);
    const unfinished = run.steps.filter(
      (step: { status: string }) => !['done', 'already_done'].includes(step.status),
    );
    expect(unfinished).toEqual([]);
    expect(run.status).toBe('succeeded');
    for (const step of run.steps) expect(['done', 'already_done']).toContain(step.status);
    expect(fleet.leaverDeleteCounts()).toEqual(fleet.fakes.map(() => 1));
  }, 120_000);
});

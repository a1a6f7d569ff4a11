import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaverEmail } from './support/offboarding-fakes.js';
import { callJson, type Fleet, startFleet, waitForRunEnd } from './support/offboarding-fleet.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { createPostgresLeg, type StorageLeg } from './support/storage-legs.js';

const databaseUrl = process.env.DATABASE_URL;
const accountCount = 200;

if (!databaseUrl) {
  describe('two server processes share a 200-account offboarding on PostgreSQL', () => {
    it.skip('needs DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (skipped: DATABASE_URL is unset)', () => {});
  });
} else {
  describe('two server processes share a 200-account offboarding on PostgreSQL', () => {
    const token = `unidir_${randomBytes(24).toString('hex')}`;
    let leg: StorageLeg;
    let fleet: Fleet;
    let first: ServerProcess;
    let second: ServerProcess;

    beforeAll(async () => {
      leg = await createPostgresLeg(databaseUrl);
      fleet = await startFleet(accountCount);
      const environment = {
        ...fleet.environment,
        DATABASE_URL: leg.config.databaseUrl as string,
        UNIDIR_ENCRYPTION_KEY: (leg.config.encryptionKey as Buffer).toString('base64'),
        UNIDIR_BOOTSTRAP_TOKEN: token,
      };
      [first, second] = await Promise.all([startServerProcess(environment), startServerProcess(environment)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([first?.stop(), second?.stop()]);
      await fleet?.close();
      await leg?.dispose();
    });

    it('runs every step once, spread over both processes', async () => {
      await fleet.connect(first.url, token);
      // Deletes take a moment, so both processes' workers find steps to take.
      for (const fake of fleet.fakes)
        fake.server.injectFault({ method: 'DELETE', fault: { kind: 'delay', ms: 150 } });
      const created = await callJson(first.url, token, 'POST', '/offboardings', {
        person: { emails: [leaverEmail] },
      });
      expect(created.status).toBe(202);
      const run = await waitForRunEnd(second.url, token, created.body.id, 150_000);
      expect(run.step_counts).toEqual({ done: accountCount });
      expect(run.status).toBe('succeeded');
      expect(run.steps.every((step: { attempts: number }) => step.attempts === 1)).toBe(true);
      expect(fleet.leaverDeleteCounts()).toEqual(fleet.fakes.map(() => 1));

      const client = new pg.Client({ connectionString: leg.config.databaseUrl as string });
      await client.connect();
      const senders = await client.query(
        'SELECT sent_by, COUNT(*)::int AS steps FROM offboarding_steps WHERE run_id = $1 GROUP BY sent_by',
        [created.body.id],
      );
      const audit = await client.query(
        "SELECT COUNT(*)::int AS steps FROM audit_log WHERE operation = 'offboardings.step' AND options LIKE $1",
        [`%${created.body.id}%`],
      );
      await client.end();
      expect(audit.rows[0].steps).toBe(accountCount);
      // Both processes' workers took steps from the queue.
      const workerLogs = [...first.output, ...second.output].filter((line) => line.includes('offboarding'));
      expect(senders.rows, workerLogs.join('\n')).toHaveLength(2);
    }, 200_000);
  });
}

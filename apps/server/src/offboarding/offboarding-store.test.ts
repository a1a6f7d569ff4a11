import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresLeg, type StorageLeg } from '../../test/support/storage-legs.js';
import { openPostgresDriver } from '../storage/postgres-driver.js';
import type { SqlDriver } from '../storage/sql-driver.js';
import { createSqlStore } from '../storage/sql-store.js';
import { openSqliteDriver } from '../storage/sqlite-driver.js';
import { OffboardingStore } from './offboarding-store.js';

const stepCount = 40;

async function queueRun(driver: SqlDriver): Promise<void> {
  await createSqlStore(driver).migrate();
  const now = new Date().toISOString();
  await new OffboardingStore(driver).insertRun(
    {
      id: 'run-1',
      tenantId: 'tenant',
      status: 'running',
      person: { emails: ['alice@example.test'] },
      action: null,
      options: {},
      dryRun: false,
      reason: null,
      requestedBy: 'token',
      requestId: 'request',
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    },
    Array.from({ length: stepCount }, (_, index) => ({
      id: `step-${index}`,
      accountId: `account-${index}`,
      integration: 'azure-ad',
      userId: null,
      requestedAction: null,
      deleteOptions: {},
      status: 'queued' as const,
      reason: null,
    })),
    null,
  );
}

/** Two stores on one database stand for two server processes claiming at the same moment. */
async function assertClaimsAreDisjointAndBounded(first: SqlDriver, second: SqlDriver) {
  await queueRun(first);
  const stores = [new OffboardingStore(first), new OffboardingStore(second)];
  const claims = await Promise.all(
    Array.from({ length: 10 }, (_, index) =>
      stores[index % 2]?.claimSteps(`owner-${index % 2}`, Date.now(), 60_000, 5),
    ),
  );
  for (const claim of claims) expect(claim?.length).toBeLessThanOrEqual(5);
  const claimed = claims.flatMap((claim) => claim ?? []).map((step) => step.id);
  expect(new Set(claimed).size).toBe(claimed.length);
  expect(claimed).toHaveLength(stepCount);
  // Leased steps are not claimed again until their lease expires.
  expect(await stores[0]?.claimSteps('owner-2', Date.now(), 60_000, 5)).toEqual([]);
  expect(await stores[0]?.claimSteps('owner-2', Date.now() + 61_000, 60_000, 5)).toHaveLength(5);
}

describe('offboarding step leases', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('SQLite: claims are bounded and no step goes to two claimers', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'unidir-offboarding-store-'));
    const first = openSqliteDriver(directory);
    const second = openSqliteDriver(directory);
    cleanup = async () => {
      await first.close();
      await second.close();
      await rm(directory, { recursive: true, force: true });
    };
    await assertClaimsAreDisjointAndBounded(first, second);
  });

  it('never hands out the steps of a run whose creation was cut short', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'unidir-offboarding-store-'));
    const driver = openSqliteDriver(directory);
    cleanup = async () => {
      await driver.close();
      await rm(directory, { recursive: true, force: true });
    };
    await queueRun(driver);
    // What a crash between the run's row and its last steps leaves.
    await driver.run("UPDATE offboarding_runs SET status = 'creating'");
    expect(await new OffboardingStore(driver).claimSteps('owner', Date.now(), 60_000, 5)).toEqual([]);
  });

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'PostgreSQL (FOR UPDATE SKIP LOCKED): claims are bounded and no step goes to two pools (skipped without DATABASE_URL)',
    async () => {
      const leg: StorageLeg = await createPostgresLeg(databaseUrl as string);
      const first = openPostgresDriver(leg.config.databaseUrl as string);
      const second = openPostgresDriver(leg.config.databaseUrl as string);
      cleanup = async () => {
        await first.close();
        await second.close();
        await leg.dispose();
      };
      await assertClaimsAreDisjointAndBounded(first, second);
    },
  );
});

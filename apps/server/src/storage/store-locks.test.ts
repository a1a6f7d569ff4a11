import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresLeg, type StorageLeg } from '../../test/support/storage-legs.js';
import { openPostgresDriver } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { createSqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';

/** Two stores on one database stand for two server processes. */
async function assertMutualExclusion(first: SqlDriver, second: SqlDriver): Promise<void> {
  const stores = [createSqlStore(first), createSqlStore(second)];
  await stores[0]?.migrate();
  await stores[1]?.migrate();
  const events: string[] = [];
  let holders = 0;
  let maximumHolders = 0;
  await Promise.all(
    Array.from({ length: 6 }, (_, index) =>
      stores[index % 2]?.withLock('token:account-1', async () => {
        holders++;
        maximumHolders = Math.max(maximumHolders, holders);
        events.push(`enter ${index}`);
        await sleep(15);
        events.push(`leave ${index}`);
        holders--;
      }),
    ),
  );
  expect(maximumHolders).toBe(1);
  expect(events).toHaveLength(12);
  // Different keys do not wait for each other.
  let otherKeyRan = false;
  await stores[0]?.withLock('token:account-1', async () => {
    await stores[1]?.withLock('token:account-2', async () => {
      otherKeyRan = true;
    });
  });
  expect(otherKeyRan).toBe(true);
}

describe('store locks across connections', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('SQLite: one holder at a time, across two connections to the same file', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-locks-'));
    const first = openSqliteDriver(dataDirectory);
    const second = openSqliteDriver(dataDirectory);
    cleanups.push(() => rm(dataDirectory, { recursive: true, force: true }), first.close, second.close);
    await assertMutualExclusion(first, second);
  });

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'PostgreSQL: one holder at a time, across two pools (skipped without DATABASE_URL)',
    async () => {
      const leg: StorageLeg = await createPostgresLeg(databaseUrl as string);
      const first = openPostgresDriver(leg.config.databaseUrl as string);
      const second = openPostgresDriver(leg.config.databaseUrl as string);
      cleanups.push(leg.dispose, first.close, second.close);
      await assertMutualExclusion(first, second);
    },
  );
});

describe('the bootstrap token when processes start together', () => {
  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'PostgreSQL: pools inserting the same token at once all succeed (skipped without DATABASE_URL)',
    async () => {
      const leg: StorageLeg = await createPostgresLeg(databaseUrl as string);
      const drivers = Array.from({ length: 4 }, () => openPostgresDriver(leg.config.databaseUrl as string));
      try {
        const stores = drivers.map(createSqlStore);
        await stores[0]?.migrate();
        const token = {
          id: 'bootstrap-abc',
          tenantId: 'default',
          name: 'UNIDIR_BOOTSTRAP_TOKEN',
          tokenHash: 'hash-abc',
          createdAt: new Date().toISOString(),
        };
        for (let round = 0; round < 50; round++) {
          await Promise.all(
            stores.map((store) =>
              store.createApiToken({
                ...token,
                id: `${token.id}-${round}`,
                tokenHash: `${token.tokenHash}-${round}`,
              }),
            ),
          );
        }
        expect(await stores[1]?.findApiToken('hash-abc-49')).toMatchObject({ tenantId: 'default' });
      } finally {
        await Promise.all(drivers.map((driver) => driver.close()));
        await leg.dispose();
      }
    },
  );
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';

const scope = { tenantId: 'acme', accountId: 'account-1', key: 'key-1' };
const response = { statusCode: 200, body: '{"id":"u1"}', contentType: 'application/json', headers: {} };
const freshClaim = { claimed: true, earlierAttemptMayHaveActed: false };
const resumedClaim = { claimed: true, earlierAttemptMayHaveActed: true };
const timing = (now: number) => ({ now, expiresAt: now + 1000, staleInFlightBefore: now - 100 });

describe('idempotency keys in the store', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  async function openStore() {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-idempotency-'));
    const store = createSqlStore(openSqliteDriver(dataDirectory));
    await store.migrate();
    cleanup = async () => {
      await store.close();
      await rm(dataDirectory, { recursive: true, force: true });
    };
    return store;
  }

  it('claims once, reports the claim in flight, then the stored response', async () => {
    const store = await openStore();
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1000))).toEqual(freshClaim);
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1010))).toMatchObject({
      claimed: false,
      record: { state: 'in_flight', requestHash: 'hash-a' },
    });
    await store.completeIdempotencyKey(scope, response);
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1020))).toMatchObject({
      claimed: false,
      record: { state: 'completed', response },
    });
  });

  it('keeps keys apart per tenant and account', async () => {
    const store = await openStore();
    await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
    expect(await store.claimIdempotencyKey({ ...scope, tenantId: 'globex' }, 'hash-a', timing(1000))).toEqual(
      freshClaim,
    );
    expect(
      await store.claimIdempotencyKey({ ...scope, accountId: 'account-2' }, 'hash-a', timing(1000)),
    ).toEqual(freshClaim);
  });

  it('takes over a claim left in flight by a dead process, and forgets expired responses', async () => {
    const store = await openStore();
    await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1050))).toMatchObject({ claimed: false });
    // The dead process may have sent the call: the one taking over is told so.
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1200))).toEqual(resumedClaim);
    await store.completeIdempotencyKey(scope, response);
    expect(await store.claimIdempotencyKey(scope, 'hash-b', timing(1300))).toMatchObject({ claimed: false });
    expect(await store.claimIdempotencyKey(scope, 'hash-b', timing(2300))).toEqual(freshClaim);
  });

  it('a stale claim of another request is not taken over: the key names that request', async () => {
    const store = await openStore();
    await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
    expect(await store.claimIdempotencyKey(scope, 'hash-b', timing(1200))).toMatchObject({
      claimed: false,
      record: { requestHash: 'hash-a' },
    });
  });

  it('releases a claim so the same key can run again', async () => {
    const store = await openStore();
    await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
    await store.releaseIdempotencyKey(scope, false);
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1001))).toEqual(freshClaim);
  });

  it('after an unknown outcome, the same request claims the key again, told the provider may have acted', async () => {
    const store = await openStore();
    await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
    await store.recordUnknownOutcome(scope);
    expect(await store.claimIdempotencyKey(scope, 'hash-b', timing(1001))).toMatchObject({
      claimed: false,
      record: { state: 'outcome_unknown', requestHash: 'hash-a' },
    });
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1002))).toEqual(resumedClaim);
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1003))).toMatchObject({
      claimed: false,
      record: { state: 'in_flight' },
    });
    // A throttled retry proves nothing about the earlier attempt: the key keeps saying its outcome is unknown.
    await store.releaseIdempotencyKey(scope, true);
    expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1004))).toEqual(resumedClaim);
  });
});

describe('a resumed claim near the end of the key lifetime', () => {
  it('is not dropped by expiry while its call runs: a concurrent retry is still 409, not a second run', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-idempotency-'));
    const store = createSqlStore(openSqliteDriver(dataDirectory));
    await store.migrate();
    try {
      // timing(): the key lives 1000 ms from its first claim (24 h in the server).
      await store.claimIdempotencyKey(scope, 'hash-a', timing(1000));
      await store.recordUnknownOutcome(scope);
      // The retry just before the key expires takes it over and starts its call...
      expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(1990))).toEqual(resumedClaim);
      // ...which is still running a few ms later, when another retry of the same request arrives.
      expect(await store.claimIdempotencyKey(scope, 'hash-a', timing(2010))).toMatchObject({
        claimed: false,
        record: { state: 'in_flight' },
      });
    } finally {
      await store.close();
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('idempotency keys on PostgreSQL, two processes racing', () => {
  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)(
    'an outcome_unknown key is claimed by exactly one of many concurrent retries; another request is refused (skipped without DATABASE_URL)',
    async () => {
      const { createPostgresLeg } = await import('../../test/support/storage-legs.js');
      const { openPostgresDriver } = await import('./postgres-driver.js');
      const leg = await createPostgresLeg(databaseUrl as string);
      const drivers = [0, 1].map(() => openPostgresDriver(leg.config.databaseUrl as string));
      try {
        const stores = drivers.map(createSqlStore);
        await stores[0]?.migrate();
        for (let round = 0; round < 20; round++) {
          const roundScope = { ...scope, key: `key-${round}` };
          await stores[0]?.claimIdempotencyKey(roundScope, 'hash-a', timing(1000));
          await stores[0]?.recordUnknownOutcome(roundScope);
          const claims = await Promise.all(
            Array.from({ length: 8 }, (_, index) =>
              stores[index % 2]?.claimIdempotencyKey(roundScope, 'hash-a', timing(1001)),
            ),
          );
          expect(claims.filter((claim) => claim?.claimed)).toEqual([resumedClaim]);
          expect(await stores[1]?.claimIdempotencyKey(roundScope, 'hash-b', timing(1002))).toMatchObject({
            claimed: false,
            record: { requestHash: 'hash-a' },
          });
        }
        // A stale in-flight claim is taken over by exactly one of the racers too.
        await stores[0]?.claimIdempotencyKey({ ...scope, key: 'stale' }, 'hash-a', timing(1000));
        const takeovers = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            stores[index % 2]?.claimIdempotencyKey({ ...scope, key: 'stale' }, 'hash-a', timing(1200)),
          ),
        );
        expect(takeovers.filter((claim) => claim?.claimed)).toEqual([resumedClaim]);
      } finally {
        await Promise.all(drivers.map((driver) => driver.close()));
        await leg.dispose();
      }
    },
  );
});

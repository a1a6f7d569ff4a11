import { createHash } from 'node:crypto';
import { canonicalJson } from '@unidir/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('the stored idempotency request hash', () => {
  let leg: StorageLeg;
  let api: TestServer;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config);
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('is keyed with a server secret, so a body with a password cannot be guessed from it offline', async () => {
    const token = await api.createToken('acme');
    const body = { integration: 'azure-ad', credentials: { password: 'hunter2' } };
    const answer = await api.call('POST', '/integrated-accounts', {
      token,
      body,
      headers: { 'idempotency-key': 'create-1' },
    });
    expect(answer.status).toBe(400);
    const claim = await api.server.store.claimIdempotencyKey(
      { tenantId: 'acme', accountId: '', key: 'create-1' },
      'probe',
      { now: Date.now(), expiresAt: Date.now() + 60_000, staleInFlightBefore: 0 },
    );
    expect(claim.claimed).toBe(false);
    const stored = claim.claimed ? '' : claim.record.requestHash;
    const unkeyed = createHash('sha256')
      .update(canonicalJson({ method: 'POST', path: '/integrated-accounts', body }))
      .digest('hex');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(unkeyed);
  });
});

import { expect, it } from 'vitest';
import { type HarnessAccess, rejectionOf } from './conformance-assertions.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';
import { titleFor } from './conformance-resource-tests.js';

const probe = { unidir_conformance_probe: 'remote-query-home' };

/** The contract's promises that hold for every connector: remote_query's home, auth failures, stalls. */
export function registerContractTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  it('passes remote_query from its documented home to the provider, or refuses it clearly', async () => {
    harness().server.journal.clear();
    const outcome = await harness()
      .listUsers({ remote_query: probe, limit: 2 })
      .then(
        () => 'listed' as const,
        (error: unknown) => error,
      );
    if (outcome !== 'listed') {
      expect((outcome as { code?: string }).code).toBe('unsupported_parameter');
      return;
    }
    const listCall = harness()
      .providerRequests()
      .find((entry) => entry.method === 'GET');
    expect(listCall?.query.unidir_conformance_probe, 'remote_query reached the provider').toBe(
      probe.unidir_conformance_probe,
    );
  });

  const invalid = options.invalidCredentials;
  it.runIf(invalid)(
    titleFor('answers refused credentials with provider_auth_failed (401)', 'invalidCredentials', !!invalid),
    async () => {
      const error = await rejectionOf(harness().listUsersAs(invalid!(harness().credentials)));
      expect(['provider_auth_failed', 'integrated_account_reauth_required']).toContain(error.code);
      expect(error.httpStatus).toBe(401);
      harness().server.journal.clear();
      expect((await harness().listUsers({ limit: 1 })).records.length, 'good credentials still work').toBe(1);
    },
  );

  it('ends a call whose provider stops answering mid-body by its deadline', async () => {
    const id = harness().unifiedUserId(harness().seedUser(0));
    harness().server.injectFault({ route: options.routes.getUser, fault: { kind: 'stall-body' } });
    const deadline = Date.now() + 1_500;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('deadline')), 1_500);
    const settled = await Promise.race([
      harness()
        .getUser(id, { deadline, signal: controller.signal })
        .then(
          () => 'answered',
          () => 'failed',
        ),
      new Promise((done) => setTimeout(() => done('still waiting'), 15_000)),
    ]);
    clearTimeout(timer);
    harness().server.clearFaults();
    expect(settled, 'the call ended (the fake never finishes the body)').toBe('failed');
  });
}

import { expect, it } from 'vitest';
import type { Fault } from '../fault-rules.js';
import { type HarnessAccess, rejectionOf } from './conformance-assertions.js';
import { prepareDeleteTarget } from './conformance-delete-tests.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';

const maximumAttempts = 10;

/** Error mapping and behaviour under each fault of the menu, against the fixture's own routes. */
export function registerFaultTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  const { routes } = options;

  it('maps a persistent provider 500 on get to a retryable ProviderApiCallError after bounded retries', async () => {
    const id = harness().unifiedUserId(harness().seedUser(0));
    harness().server.injectFault({ route: routes.getUser, fault: { kind: 'status', status: 500 } });
    const error = await rejectionOf(harness().getUser(id));
    expect(error.name).toBe('ProviderApiCallError');
    expect(error.code).toBe('provider_unavailable');
    expect(error.isRetryable).toBe(true);
    const attempts = harness().server.journal.forRoute(routes.getUser).length;
    expect(attempts, 'a GET is retried').toBeGreaterThanOrEqual(2);
    expect(attempts, 'retries are bounded').toBeLessThanOrEqual(maximumAttempts);
  });

  it('waits out a 429 with Retry-After: 1 on list, then returns the page', async () => {
    harness().server.injectFault({
      route: routes.listUsers,
      nth: [1],
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    });
    const startedAt = Date.now();
    const page = await harness().listUsers({ limit: options.listPageSize ?? 5 });
    expect(Date.now() - startedAt, 'waited at least Retry-After').toBeGreaterThanOrEqual(950);
    expect(page.records.length).toBeGreaterThan(0);
    expect(
      harness()
        .server.journal.forRoute(routes.listUsers)
        .map((entry) => entry.status),
    ).toEqual([429, 200]);
  });

  it('fails fast with RateLimitedError when Retry-After exceeds the call deadline', async () => {
    harness().server.injectFault({
      route: routes.listUsers,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '3600' } },
    });
    const error = await rejectionOf(harness().listUsers({ limit: options.listPageSize ?? 5 }));
    expect(error.code).toBe('rate_limited');
    expect(error.details?.retry_after_seconds).toBe(3600);
    expect(harness().server.journal.forRoute(routes.listUsers)).toHaveLength(1);
  });

  it('retries a get whose connection was reset, and succeeds', async () => {
    const id = harness().unifiedUserId(harness().seedUser(0));
    harness().server.injectFault({ route: routes.getUser, nth: [1], fault: { kind: 'reset' } });
    expect((await harness().getUser(id)).unified.id).toBe(id);
    expect(harness().server.journal.forRoute(routes.getUser)).toHaveLength(2);
  });

  it('treats a truncated get response as ProviderInvalidResponseError, or succeeds on a retry', async () => {
    const id = harness().unifiedUserId(harness().seedUser(0));
    harness().server.injectFault({ route: routes.getUser, nth: [1], fault: { kind: 'truncate' } });
    try {
      expect((await harness().getUser(id)).unified.id).toBe(id);
      expect(harness().server.journal.forRoute(routes.getUser)).toHaveLength(2);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('provider_invalid_response');
    }
  });

  const deletesUser = options.deleteScenarios.find((scenario) => !scenario.userRemains);
  const commitThenFail: Array<[string, Fault]> = [
    ['503', { kind: 'commit-then-fail', status: 503 }],
    ['a connection reset', { kind: 'commit-then-fail' }],
  ];
  for (const [answer, fault] of commitThenFail) {
    it.runIf(deletesUser)(
      `reports success when a delete commits and then the provider answers ${answer}, with no second destructive effect`,
      async () => {
        const scenario = deletesUser!;
        const { target, seedUserId } = await prepareDeleteTarget(harness());
        harness().server.injectFault({ route: routes.deleteUser, nth: [1], fault });
        const result = await harness().deleteUser({ ...scenario.parameters(target), id: target.userId });
        expect(result.id).toBe(target.userId);
        expect(harness().directory.userById(seedUserId)).toBeUndefined();
        const [committed, ...retries] = harness().server.journal.forRoute(routes.deleteUser);
        expect(committed?.handled, 'the first delete reached the provider').toBe(true);
        const repeatedEffects = retries.filter((entry) => entry.status >= 200 && entry.status < 300);
        expect(repeatedEffects, 'a retry deleted again').toEqual([]);
      },
    );
  }

  it('keeps secrets out of errors even when the provider echoes them in its error body', async () => {
    const id = harness().unifiedUserId(harness().seedUser(0));
    const echoed = harness().secrets.join(' ');
    harness().server.injectFault({
      route: routes.getUser,
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { code: 400, message: `Invalid request: ${echoed}`, errors: [{ message: echoed }] } },
      },
    });
    await rejectionOf(harness().getUser(id));
    expect(harness().secretLeaks()).toEqual([]);
  });
}

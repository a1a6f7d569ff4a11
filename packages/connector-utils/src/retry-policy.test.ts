import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttemptFailure, decideRetry, defaultRetryPolicy, type ProviderMethod } from './retry-policy.js';

const methods: ProviderMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const failureArbitrary: fc.Arbitrary<AttemptFailure> = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.integer({ min: 400, max: 599 }),
    rateLimited: fc.boolean(),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
  }),
  fc.constant({ kind: 'network' as const }),
);

const inputArbitrary = fc.record({
  method: fc.constantFrom(...methods),
  idempotent: fc.boolean(),
  replayableBody: fc.boolean(),
  attempt: fc.integer({ min: 1, max: 5 }),
  failure: failureArbitrary,
  remainingMs: fc.integer({ min: 0, max: 60_000 }),
  random: fc.double({ min: 0, max: 0.999_999, noNaN: true }),
});

describe('decideRetry', () => {
  it('R1: never retries POST or PATCH unless the answer was a rate limit (property)', () => {
    fc.assert(
      fc.property(inputArbitrary, ({ random, ...input }) => {
        const decision = decideRetry({ ...input, policy: { ...defaultRetryPolicy, random: () => random } });
        const rateLimited = input.failure.kind === 'status' && input.failure.rateLimited;
        if ((input.method === 'POST' || input.method === 'PATCH') && !rateLimited) {
          expect(decision.retry).toBe(false);
        }
        if ((input.method === 'PUT' || input.method === 'DELETE') && !input.idempotent && !rateLimited) {
          expect(decision.retry).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('R2: never waits less than Retry-After, never beyond the budget, never past maxAttempts (property)', () => {
    fc.assert(
      fc.property(inputArbitrary, ({ random, ...input }) => {
        const decision = decideRetry({ ...input, policy: { ...defaultRetryPolicy, random: () => random } });
        if (!decision.retry) return;
        if (input.failure.kind === 'status' && input.failure.retryAfterMs !== undefined) {
          expect(decision.waitMs).toBeGreaterThanOrEqual(input.failure.retryAfterMs);
        }
        expect(decision.waitMs).toBeLessThan(input.remainingMs);
        expect(input.attempt).toBeLessThan(defaultRetryPolicy.maxAttempts);
      }),
      { numRuns: 2000 },
    );
  });

  it('R3: computed backoff is full jitter, capped by maxDelayMs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (attempt, random) => {
          const policy = { ...defaultRetryPolicy, maxAttempts: 100, random: () => random };
          const decision = decideRetry({
            method: 'GET',
            idempotent: false,
            replayableBody: true,
            attempt,
            failure: { kind: 'network' },
            remainingMs: 1_000_000,
            policy,
          });
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          expect(decision).toEqual({
            retry: true,
            reason: 'network error',
            waitMs: Math.floor(random * ceiling),
          });
        },
      ),
    );
  });

  it('R6: a body that cannot be replayed is never retried, even on a rate limit', () => {
    const decision = decideRetry({
      method: 'PUT',
      idempotent: true,
      replayableBody: false,
      attempt: 1,
      failure: { kind: 'status', status: 429, rateLimited: true, retryAfterMs: 0 },
      remainingMs: 10_000,
      policy: defaultRetryPolicy,
    });
    expect(decision).toMatchObject({ retry: false, reason: 'not_retryable' });
  });

  it('does not retry a client error that is not in the retryable set', () => {
    const decision = decideRetry({
      method: 'GET',
      idempotent: false,
      replayableBody: true,
      attempt: 1,
      failure: { kind: 'status', status: 400, rateLimited: false },
      remainingMs: 10_000,
      policy: defaultRetryPolicy,
    });
    expect(decision.retry).toBe(false);
  });
});

import { readRetryAfterMs } from './retry-after.js';

export type ProviderMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  retryableStatuses: readonly number[];
  /** Full jitter: a wait is random(0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Extra rate-limit recognition beyond 429 (Google's 403 `userRateLimitExceeded`). */
  isRateLimited?: (response: { status: number; headers: Record<string, string>; body: unknown }) => boolean;
  /** The wait the provider asks for; default `Retry-After` (seconds or HTTP-date), then `X-Rate-Limit-Reset`. */
  retryAfterMs?: (headers: Record<string, string>, now: number) => number | undefined;
  random?: () => number;
}

export type ResolvedRetryPolicy = Required<Omit<RetryPolicy, 'isRateLimited'>> &
  Pick<RetryPolicy, 'isRateLimited'>;

export const defaultRetryPolicy: ResolvedRetryPolicy = {
  maxAttempts: 3,
  retryableStatuses: [408, 429, 500, 502, 503, 504],
  baseDelayMs: 250,
  maxDelayMs: 8000,
  retryAfterMs: readRetryAfterMs,
  random: Math.random,
};

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): ResolvedRetryPolicy {
  const policy = { ...defaultRetryPolicy };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) Object.assign(policy, { [name]: value });
  }
  return policy;
}

/** What went wrong with one attempt, as far as the retry decision cares. */
export type AttemptFailure =
  | {
      kind: 'status';
      status: number;
      /** 429, or recognised by the policy or the connector's error parser (Google 403s). */
      rateLimited: boolean;
      /** The wait the provider asked for, if it did. */
      retryAfterMs?: number;
    }
  /** No complete answer: a reset, a refused connection, a header or body timeout. The request may have been processed. */
  | { kind: 'network' };

export interface RetryDecisionInput {
  method: ProviderMethod;
  /** The connector declared the provider operation safe to repeat. */
  idempotent: boolean;
  /** The body can be sent again as it was (buffered); a streamed body cannot (R6). */
  replayableBody: boolean;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  failure: AttemptFailure;
  /** Milliseconds left before the call's deadline. */
  remainingMs: number;
  policy: ResolvedRetryPolicy;
}

export type RetryDecision =
  | { retry: true; waitMs: number; reason: string }
  | {
      retry: false;
      reason: 'not_retryable' | 'attempts_exhausted' | 'beyond_budget';
      /** For a rate limit: how long the provider wants us to wait (or the backoff we would have used). */
      waitMs?: number;
    };

/** GET and HEAD never change anything; PUT and DELETE only when the connector says repeating is harmless. */
export function isSafeToRepeat(method: ProviderMethod, idempotent: boolean): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return idempotent && (method === 'PUT' || method === 'DELETE');
}

export function backoffMs(attempt: number, policy: ResolvedRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * The whole retry rule (R1, R2, R3, R6) as a pure function: a rate limit proves the request was not
 * processed, so any method may be repeated after it; anything else is repeated only when repeating is safe.
 * The provider's requested wait is never shortened; a wait that does not fit the budget is not started.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { failure, policy } = input;
  const rateLimited = failure.kind === 'status' && failure.rateLimited;
  const transient =
    failure.kind === 'network' ||
    (failure.kind === 'status' && policy.retryableStatuses.includes(failure.status));
  const repeatable =
    input.replayableBody && (rateLimited || (transient && isSafeToRepeat(input.method, input.idempotent)));
  const providerWaitMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
  const waitMs = providerWaitMs ?? backoffMs(input.attempt, policy);
  if (!repeatable) return { retry: false, reason: 'not_retryable', waitMs };
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts_exhausted', waitMs };
  if (waitMs >= input.remainingMs) return { retry: false, reason: 'beyond_budget', waitMs };
  const reason =
    failure.kind === 'network' ? 'network error' : rateLimited ? 'rate limited' : `status ${failure.status}`;
  return { retry: true, waitMs, reason };
}

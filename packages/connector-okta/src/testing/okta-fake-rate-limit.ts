import type { FakeRequest } from '@unidir/testkit';

export interface RateLimitOptions {
  /** Requests per window per bucket (Okta's buckets are per endpoint family). */
  limit: number;
  windowSeconds: number;
}

interface Bucket {
  windowEndsAt: number;
  used: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/** `/api/v1/users/…` and `/api/v1/groups/…` each have their own bucket, as Okta's per-endpoint limits do. */
function bucketOf(request: FakeRequest): string {
  return request.path.split('/').slice(0, 4).join('/');
}

/**
 * Okta's rate limiting: every answer carries `X-Rate-Limit-Limit/Remaining/Reset` (reset in epoch seconds),
 * and a request beyond the limit in its window is refused until the reset.
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number) {
  const buckets = new Map<string, Bucket>();
  return (request: FakeRequest): RateLimitDecision => {
    const key = bucketOf(request);
    const time = now();
    let bucket = buckets.get(key);
    if (!bucket || bucket.windowEndsAt <= time) {
      bucket = { windowEndsAt: (Math.floor(time / 1000) + options.windowSeconds) * 1000, used: 0 };
      buckets.set(key, bucket);
    }
    const allowed = bucket.used < options.limit;
    if (allowed) bucket.used++;
    return {
      allowed,
      headers: {
        'x-rate-limit-limit': String(options.limit),
        'x-rate-limit-remaining': String(options.limit - bucket.used),
        'x-rate-limit-reset': String(bucket.windowEndsAt / 1000),
      },
    };
  };
}

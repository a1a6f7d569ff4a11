/** Per-method request budgets, as Slack's tiers give them (Tier 2: 20+ per minute, Tier 3: 50+, Tier 4: 100+). */
export type MethodRateLimits = Readonly<Record<string, number>>;

const windowMs = 60_000;

/**
 * Counts requests per method over a sliding minute. Over budget, a request is refused with the whole
 * seconds until the oldest counted request leaves the window: what Slack puts in Retry-After.
 */
export class MethodRateLimiter {
  readonly #limits: MethodRateLimits;
  readonly #now: () => number;
  readonly #recent = new Map<string, number[]>();

  constructor(limits: MethodRateLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Undefined when the request may go ahead (and is counted); else the seconds to wait. */
  retryAfterSeconds(method: string): number | undefined {
    const limit = this.#limits[method];
    if (limit === undefined) return undefined;
    const now = this.#now();
    const recent = (this.#recent.get(method) ?? []).filter((at) => at > now - windowMs);
    this.#recent.set(method, recent);
    if (recent.length < limit) {
      recent.push(now);
      return undefined;
    }
    return Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
  }
}

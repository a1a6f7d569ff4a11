/**
 * What a fake does instead of (or around) answering normally. Modelled on Graph's ChaosHandler plus the
 * failures that matter for exactness: resets, stalls, truncation, and a change that commits before failing.
 */
export type Fault =
  /** Answer this status without running the handler (503; 429 + Retry-After; Google's 403 rate-limit body). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Wait, then handle normally; the handler does not run if the client gave up meanwhile. */
  | { kind: 'delay'; ms: number }
  /** Never send headers: the client's headers timeout (or the server closing) ends it. */
  | { kind: 'stall' }
  /** Run the handler, send its headers (with the full Content-Length) and half its body, then stall. */
  | { kind: 'stall-body' }
  /** Reset the connection (TCP RST) before any response; the handler does not run. */
  | { kind: 'reset' }
  /** Run the handler, send its status and only the first half of its body, end cleanly: invalid JSON. */
  | { kind: 'truncate' }
  /**
   * Run the handler (its state change happens), then discard its answer: reply `status` (with `body`, a
   * generic JSON error by default), or reset the connection when `status` is undefined.
   */
  | { kind: 'commit-then-fail'; status?: number; headers?: Record<string, string>; body?: unknown };

/**
 * Which requests a fault applies to. Every given condition must hold (route name, method, path prefix);
 * then `nth` picks 1-based call numbers among the matching requests, `times` caps how often it fires,
 * `probability` fires at random with the server's seeded generator. With none of the three, it fires on
 * every matching request until `clearFaults()`.
 */
export interface FaultRule {
  route?: string;
  method?: string;
  pathPrefix?: string;
  nth?: number[];
  times?: number;
  probability?: number;
  fault: Fault;
}

export interface FaultCandidate {
  route: string | undefined;
  method: string;
  path: string;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  fired: number;
}

/** Holds the injected rules and decides, request by request, which fault (the first rule to fire) applies. */
export class FaultInjector {
  readonly #random: () => number;
  #rules: ActiveRule[] = [];

  constructor(random: () => number) {
    this.#random = random;
  }

  add(rule: FaultRule): void {
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
      throw new RangeError(`Fault probability must be between 0 and 1, got ${rule.probability}`);
    }
    this.#rules.push({ rule, matched: 0, fired: 0 });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Counts the request against every rule it matches and returns the first fault that fires. */
  select(candidate: FaultCandidate): Fault | undefined {
    let selected: Fault | undefined;
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.route !== undefined && rule.route !== candidate.route) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== candidate.method) continue;
      if (rule.pathPrefix !== undefined && !candidate.path.startsWith(rule.pathPrefix)) continue;
      active.matched++;
      if (selected) continue;
      if (rule.nth !== undefined && !rule.nth.includes(active.matched)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.probability !== undefined && this.#random() >= rule.probability) continue;
      active.fired++;
      selected = rule.fault;
    }
    return selected;
  }
}

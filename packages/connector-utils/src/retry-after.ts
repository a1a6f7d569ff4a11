/** The wait a response asks for, in milliseconds from `now`: `Retry-After` first, then Okta's reset header. */
export function readRetryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  return readRetryAfterHeader(headers['retry-after'], now) ?? readRateLimitReset(headers, now);
}

/** `Retry-After` as delta-seconds or as an HTTP-date. */
export function readRetryAfterHeader(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Okta pads its reset by a second because the two clocks only agree to the second. */
const resetClockSkewPadMs = 1000;

/**
 * Okta's `X-Rate-Limit-Reset` is the epoch second the window reopens, measured against the provider's clock,
 * so the wait is taken relative to the response's own `Date` (our clock may differ). A duplicated header
 * (a comma in the value) is ambiguous and ignored, as Okta's SDK does.
 */
export function readRateLimitReset(headers: Record<string, string>, now: number): number | undefined {
  const reset = headers['x-rate-limit-reset'];
  if (reset === undefined || !/^\d+$/.test(reset.trim())) return undefined;
  const providerNow = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
  const reference = Number.isNaN(providerNow) ? now : providerNow;
  return Math.max(0, Number(reset.trim()) * 1000 - reference + resetClockSkewPadMs);
}

import { describe, expect, it } from 'vitest';
import { readRetryAfterMs } from './retry-after.js';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('readRetryAfterMs', () => {
  it('R2: reads Retry-After as delta-seconds and as an HTTP-date', () => {
    expect(readRetryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
    expect(readRetryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, now)).toBe(30_000);
    expect(readRetryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(readRetryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(readRetryAfterMs({}, now)).toBeUndefined();
  });

  it('R2: reads X-Rate-Limit-Reset against the response Date plus a 1 s pad, ignoring duplicates', () => {
    const providerDate = 'Sun, 01 Mar 2026 10:00:00 GMT';
    const reset = `${Date.parse(providerDate) / 1000 + 4}`;
    expect(readRetryAfterMs({ date: providerDate, 'x-rate-limit-reset': reset }, now)).toBe(5000);
    expect(
      readRetryAfterMs({ date: providerDate, 'x-rate-limit-reset': `${reset}, ${reset}` }, now),
    ).toBeUndefined();
    expect(
      readRetryAfterMs({ 'retry-after': '2', date: providerDate, 'x-rate-limit-reset': reset }, now),
    ).toBe(2000);
  });
});

import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-timestamp.js';

describe('isoTimestamp', () => {
  it('formats exactly as Date#toISOString across days, hours and milliseconds', () => {
    const samples = [
      0,
      1,
      999,
      1000,
      59_999,
      3_599_999,
      86_399_999,
      86_400_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 7),
    ];
    for (let value = Date.UTC(2021, 0, 1); value < Date.UTC(2021, 0, 3); value += 7_777_777)
      samples.push(value);
    for (const value of samples) expect(isoTimestamp(value)).toBe(new Date(value).toISOString());
  });
});

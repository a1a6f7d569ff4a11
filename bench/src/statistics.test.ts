import { describe, expect, it } from 'vitest';
import { median, percentile, relativeSpread, sortSamples, summarizeRepetitions } from './statistics.js';

describe('percentile', () => {
  it('uses the nearest rank, so p50 of 1..100 is 50 and p99 is 99', () => {
    const samples = sortSamples(Array.from({ length: 100 }, (_, index) => 100 - index));
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile(samples, 1)).toBe(100);
  });

  it('sorts numerically, not as strings', () => {
    expect(Array.from(sortSamples([10, 9, 100]))).toEqual([9, 10, 100]);
  });

  it('refuses an empty sample set', () => {
    expect(() => percentile(new Float64Array(), 0.5)).toThrow(RangeError);
  });
});

describe('summarizeRepetitions', () => {
  it('reports the median and the range of the repetitions', () => {
    const summary = summarizeRepetitions([12, 10, 20]);
    expect(summary).toEqual({ median: 12, minimum: 10, maximum: 20, repetitions: 3 });
    expect(relativeSpread(summary)).toBeCloseTo(10 / 12);
    expect(median([3, 1, 2])).toBe(2);
  });
});

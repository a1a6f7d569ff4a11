/** The value below which `fraction` of the samples fall (nearest-rank on sorted samples). */
export function percentile(sortedSamples: ArrayLike<number>, fraction: number): number {
  if (sortedSamples.length === 0) {
    throw new RangeError('percentile of no samples');
  }
  const rank = Math.ceil(fraction * sortedSamples.length);
  const index = Math.min(sortedSamples.length - 1, Math.max(0, rank - 1));
  return sortedSamples[index] as number;
}

export function sortSamples(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

export function median(values: readonly number[]): number {
  return percentile(sortSamples(values), 0.5);
}

/** The middle value of several repetitions and how far they spread around it. */
export interface RepeatedValue {
  median: number;
  minimum: number;
  maximum: number;
  repetitions: number;
}

export function summarizeRepetitions(values: readonly number[]): RepeatedValue {
  if (values.length === 0) {
    throw new RangeError('no repetitions to summarize');
  }
  return {
    median: median(values),
    minimum: Math.min(...values),
    maximum: Math.max(...values),
    repetitions: values.length,
  };
}

/** Spread as a fraction of the median: (max - min) / |median|. */
export function relativeSpread(value: RepeatedValue): number {
  return value.median === 0 ? 0 : (value.maximum - value.minimum) / Math.abs(value.median);
}

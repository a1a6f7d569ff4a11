/** Mixes one 32-bit value into another (murmur3's finaliser over a combined input): cheap, well spread. */
export function mix32(value: number, salt: number): number {
  let hash = Math.imul(value ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A 32-bit hash of several integers, order-sensitive. */
export function hashIntegers(...values: number[]): number {
  let hash = 0x811c9dc5;
  for (const value of values) hash = mix32(hash ^ (value >>> 0), (value / 0x1_0000_0000) >>> 0);
  return hash;
}

/** mulberry32: a small seeded generator in [0, 1), so fault probabilities and seed data repeat exactly. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

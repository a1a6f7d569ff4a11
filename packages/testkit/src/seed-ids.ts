import { hashIntegers, mix32 } from './seeded-random.js';

/** What a seeded id names; part of the hash so a user id never equals a group id. */
export const seedKinds = { user: 1, group: 2 } as const;
export type SeedKind = keyof typeof seedKinds;

const halfBits = 0x100_0000;
const feistelRounds = 4;

/** By seed, then kind: keyed without building a string, since every id derivation asks. */
const roundKeyCache = new Map<number, Partial<Record<SeedKind, number[]>>>();

function roundKeys(seed: number, kind: SeedKind): number[] {
  let kinds = roundKeyCache.get(seed);
  if (!kinds) {
    kinds = {};
    roundKeyCache.set(seed, kinds);
  }
  let keys = kinds[kind];
  if (!keys) {
    keys = Array.from({ length: feistelRounds }, (_, round) => hashIntegers(seed, seedKinds[kind], round));
    kinds[kind] = keys;
  }
  return keys;
}

/** A keyed bijection on 48-bit integers (a Feistel network), so an id reveals its index only to the directory. */
function permute(index: number, seed: number, kind: SeedKind): number {
  const keys = roundKeys(seed, kind);
  let left = Math.floor(index / halfBits);
  let right = index % halfBits;
  for (let round = 0; round < feistelRounds; round++) {
    const next = (left ^ (mix32(right, keys[round]!) & 0xffffff)) >>> 0;
    left = right;
    right = next;
  }
  return left * halfBits + right;
}

function unpermute(value: number, seed: number, kind: SeedKind): number {
  const keys = roundKeys(seed, kind);
  let left = Math.floor(value / halfBits);
  let right = value % halfBits;
  for (let round = feistelRounds - 1; round >= 0; round--) {
    const previous = (right ^ (mix32(left, keys[round]!) & 0xffffff)) >>> 0;
    right = left;
    left = previous;
  }
  return left * halfBits + right;
}

const byteHex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The low `digits` hex digits of a 32-bit value; table-driven because a million ids add up. */
function hex(value: number, digits: 3 | 4 | 8): string {
  const word = value >>> 0;
  const low = byteHex[word & 0xff]!;
  const second = byteHex[(word >>> 8) & 0xff]!;
  if (digits === 3) return second.slice(1) + low;
  if (digits === 4) return second + low;
  return byteHex[word >>> 24]! + byteHex[(word >>> 16) & 0xff]! + second + low;
}

/**
 * A UUID-shaped (version 4 layout) id for the index-th record of a kind. The last 12 hex digits are a
 * keyed permutation of the index, so `indexOfSeedId` maps an id back to its index in O(1).
 */
export function seedId(seed: number, kind: SeedKind, index: number): string {
  const first = hashIntegers(seed, seedKinds[kind], index, 1);
  const second = hashIntegers(seed, seedKinds[kind], index, 2);
  const permuted = permute(index, seed, kind);
  const node = hex(Math.floor(permuted / 0x1_0000_0000), 4) + hex(permuted % 0x1_0000_0000, 8);
  const variant = (8 + (second & 3)).toString(16);
  return `${hex(first, 8)}-${hex(second >>> 16, 4)}-4${hex(second >>> 4, 3)}-${variant}${hex(first >>> 12, 3)}-${node}`;
}

/** The index whose `seedId` is exactly `id`, or undefined for any other string. */
export function indexOfSeedId(seed: number, kind: SeedKind, id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return undefined;
  const index = unpermute(Number.parseInt(id.slice(24), 16), seed, kind);
  return seedId(seed, kind, index) === id ? index : undefined;
}

import { createHash } from 'node:crypto';

/**
 * Google ids look nothing like the testkit's UUIDs: users have 21-digit numeric ids and groups 15-character
 * base-36 ids. The fake derives both from the seed and the record's index, so they are stable across runs
 * and map back to the index (and from there to the SeededDirectory id) in O(1).
 */
const userIndexDigits = 14;
const groupIndexDigits = 9;

function seedDigits(seed: number, length: number, radix: number): string {
  const hash = createHash('sha256').update(`google-workspace-fake:${seed}`).digest();
  return BigInt(`0x${hash.toString('hex')}`)
    .toString(radix)
    .slice(0, length);
}

export interface GoogleFakeIds {
  customerId: string;
  userId(index: number): string;
  userIndex(googleId: string): number | undefined;
  groupId(index: number): string;
  groupIndex(googleId: string): number | undefined;
}

export function createGoogleFakeIds(seed: number): GoogleFakeIds {
  const userPrefix = `1${seedDigits(seed, 20 - userIndexDigits, 10)}`;
  const groupPrefix = `0${seedDigits(seed, 14 - groupIndexDigits, 36)}`;
  const indexAfter = (prefix: string, googleId: string, radix: number, digits: number) => {
    if (googleId.length !== prefix.length + digits || !googleId.startsWith(prefix)) return undefined;
    const index = Number.parseInt(googleId.slice(prefix.length), radix);
    return Number.isSafeInteger(index) &&
      index.toString(radix).padStart(digits, '0') === googleId.slice(prefix.length)
      ? index
      : undefined;
  };
  return {
    customerId: `C0${seedDigits(seed, 7, 36)}`,
    userId: (index) => `${userPrefix}${String(index).padStart(userIndexDigits, '0')}`,
    userIndex: (googleId) => indexAfter(userPrefix, googleId, 10, userIndexDigits),
    groupId: (index) => `${groupPrefix}${index.toString(36).padStart(groupIndexDigits, '0')}`,
    groupIndex: (googleId) => indexAfter(groupPrefix, googleId, 36, groupIndexDigits),
  };
}

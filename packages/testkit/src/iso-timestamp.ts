const dayMilliseconds = 86_400_000;
const twoDigits = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `Date#toISOString()` for timestamps from 1970 to 9999, several times faster: seeded users need three
 * timestamps each, and a million-user listing formats three million.
 */
export function isoTimestamp(milliseconds: number): string {
  const day = Math.floor(milliseconds / dayMilliseconds);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    prefix = new Date(day * dayMilliseconds).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const time = milliseconds - day * dayMilliseconds;
  const hours = twoDigits[Math.floor(time / 3_600_000)]!;
  const minutes = twoDigits[Math.floor(time / 60_000) % 60]!;
  const seconds = twoDigits[Math.floor(time / 1000) % 60]!;
  const fraction = time % 1000;
  return `${prefix}${hours}:${minutes}:${seconds}.${fraction < 100 ? (fraction < 10 ? '00' : '0') : ''}${fraction}Z`;
}

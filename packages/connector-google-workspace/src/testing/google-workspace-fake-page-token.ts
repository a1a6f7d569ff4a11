/**
 * Page tokens the fake hands out: opaque to clients, bound to the request that produced them (a token
 * used with another filter is refused like Google refuses it).
 */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodePageToken(token: string | null, fingerprint: string): number | undefined | 'invalid' {
  if (token === null || token === '') return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      f?: unknown;
    };
    if (typeof decoded.o !== 'number' || !Number.isSafeInteger(decoded.o) || decoded.o < 0) return 'invalid';
    return decoded.f === fingerprint ? decoded.o : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** `maxResults` as Google validates it: an integer in [1, maximum], else the given default. */
export function parseMaxResults(value: string | null, fallback: number, maximum: number): number | string {
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > maximum) {
    return `Invalid value '${value}'. Values must be within the range: [1, ${maximum}]`;
  }
  return parsed;
}

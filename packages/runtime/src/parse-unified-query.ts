import { ValidationError } from '@unidir/core';
import qs from 'qs';
import { forbiddenKeyError, isForbiddenKey } from './forbidden-keys.js';

/**
 * Bounds for hostile query strings: `a[99999999]=x` becomes an object key instead of a huge sparse array,
 * and a query over these limits is refused rather than parsed into a memory-hungry structure.
 */
export const unifiedQueryLimits = {
  /** Nesting of brackets: `emails[0][email]` is 2. */
  depth: 5,
  /** Elements of one array, and the highest index `a[n]` that still makes an array. */
  arrayLimit: 100,
  /** `name=value` pairs in the whole query string. */
  parameterLimit: 500,
} as const;

function decodeKey(rawKey: string): string {
  const key = rawKey.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** qs drops prototype keys silently; the caller learns their query was refused instead. */
function assertNoForbiddenKeysIn(queryString: string): void {
  for (const part of queryString.split('&', unifiedQueryLimits.parameterLimit + 1)) {
    const equalsIndex = part.indexOf('=');
    const key = decodeKey(equalsIndex === -1 ? part : part.slice(0, equalsIndex));
    for (const segment of key.split(/[[\]]/)) {
      if (isForbiddenKey(segment)) throw forbiddenKeyError(segment);
    }
  }
}

/**
 * Parses a raw query string the way Truto's SDKs write it with `qs`: `a[]=x`, `a[0]=x`, `a[b]=c`,
 * `emails[0][email]=a@b.c`, `created_at[gte]=...`. A leading `?` is ignored. Values stay strings; the
 * operation schemas coerce them. Throws ValidationError (`invalid_query`) past the limits above or on a
 * prototype key.
 */
export function parseUnifiedQuery(queryString: string): Record<string, unknown> {
  const query = queryString.startsWith('?') ? queryString.slice(1) : queryString;
  try {
    const parsed = qs.parse(query, {
      depth: unifiedQueryLimits.depth,
      strictDepth: true,
      arrayLimit: unifiedQueryLimits.arrayLimit,
      parameterLimit: unifiedQueryLimits.parameterLimit,
      throwOnLimitExceeded: true,
      allowPrototypes: false,
      allowDots: false,
      comma: false,
    });
    assertNoForbiddenKeysIn(query);
    return parsed;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ValidationError({
      message: `The query string is too large or too deeply nested: ${error.message}`,
      code: 'invalid_query',
      details: { limits: { ...unifiedQueryLimits } },
    });
  }
}

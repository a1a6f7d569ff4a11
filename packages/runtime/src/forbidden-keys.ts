import { ValidationError } from '@unidir/core';

/** Keys that reach an object's prototype when assigned: never accepted from a caller, at any depth. */
const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return forbiddenKeys.has(key);
}

export function forbiddenKeyError(key: string): ValidationError {
  return new ValidationError({
    message: `The key "${key}" is not allowed in a query or body.`,
    code: 'invalid_query',
    details: { key },
  });
}

/** Far deeper than any unified record; a bound keeps a hostile body from exhausting the stack. */
const maxDepth = 32;

/** Throws when any own key of a plain value (objects and arrays, recursively) is a forbidden key. */
export function assertNoForbiddenKeys(value: unknown, depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > maxDepth) {
    throw new ValidationError({
      message: `The query or body is nested more than ${maxDepth} levels deep.`,
      code: 'invalid_query',
    });
  }
  for (const [key, child] of Object.entries(value)) {
    if (isForbiddenKey(key)) throw forbiddenKeyError(key);
    assertNoForbiddenKeys(child, depth + 1);
  }
}

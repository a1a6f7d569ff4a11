/**
 * A token cache key that cannot collide: every part that makes a token distinct (provider, tenant, client,
 * subject, scopes) is named, and scope lists are sorted so their order does not split the cache (T5).
 */
export function tokenCacheKey(parts: Record<string, string | readonly string[] | undefined>): string {
  const entries = Object.entries(parts)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return JSON.stringify(entries);
}

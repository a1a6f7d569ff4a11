/** Matches a raw request path against a route pattern; returns the decoded parameters, or undefined. */
export type RoutePatternMatcher = (path: string) => Record<string, string> | undefined;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Compiles `/v1.0/users/:id/memberOf` or `/files/*rest`. `:name` matches exactly one non-empty segment;
 * `*name` (last only) matches the rest of the path, slashes included, possibly empty.
 */
export function compileRoutePattern(pattern: string): RoutePatternMatcher {
  const patternSegments = pattern.split('/');
  const last = patternSegments.at(-1) ?? '';
  const restName = last.startsWith('*') ? last.slice(1) : undefined;
  const fixed = restName === undefined ? patternSegments : patternSegments.slice(0, -1);
  if (fixed.some((segment) => segment.startsWith('*'))) {
    throw new Error(`Route pattern ${pattern}: a *rest parameter may only end the pattern.`);
  }
  return (path) => {
    const segments = path.split('/');
    if (restName === undefined ? segments.length !== fixed.length : segments.length < fixed.length) {
      return undefined;
    }
    const parameters: Record<string, string> = {};
    for (const [position, patternSegment] of fixed.entries()) {
      const segment = segments[position]!;
      if (patternSegment.startsWith(':')) {
        if (segment === '') return undefined;
        parameters[patternSegment.slice(1)] = decodeSegment(segment);
      } else if (patternSegment !== segment) {
        return undefined;
      }
    }
    if (restName !== undefined) {
      parameters[restName] = segments.slice(fixed.length).map(decodeSegment).join('/');
    }
    return parameters;
  };
}

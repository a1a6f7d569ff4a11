/** How many records one provider page holds: the connector's usual size, and the most the provider serves. */
export interface PageSizeBounds {
  default: number;
  maximum: number;
}

/**
 * The page size to ask a provider for: the caller's `limit`, else the connector's default, and never more
 * than the provider serves in one page (a larger size would be refused or silently cut by the provider).
 */
export function pageSizeFor(limit: number | undefined, bounds: PageSizeBounds): number {
  return Math.min(limit ?? bounds.default, bounds.maximum);
}

import { randomBytes } from 'node:crypto';
import type { FakeResponse } from '@unidir/testkit';

/** Okta's ids are 20 characters; request and error ids look alike. */
export function oktaRequestId(): string {
  return randomBytes(15).toString('base64url');
}

/** Okta's error envelope (`Error` in the spec), with `errorCauses` items `{errorSummary}`. */
export function oktaError(
  status: number,
  errorCode: string,
  errorSummary: string,
  causes: string[] = [],
): FakeResponse {
  return {
    status,
    body: {
      errorCode,
      errorSummary,
      errorLink: errorCode,
      errorId: `oae${oktaRequestId()}`,
      errorCauses: causes.map((summary) => ({ errorSummary: summary })),
    },
  };
}

export const notFound = (what: string) =>
  oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);

export const validationFailed = (field: string, cause: string) =>
  oktaError(400, 'E0000001', `Api validation failed: ${field}`, [`${field}: ${cause}`]);

export const forbidden = () =>
  oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');

export const rateLimited = () =>
  oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');

export const invalidToken = () => oktaError(401, 'E0000011', 'Invalid token provided');

/**
 * Okta's `Link` header lines for a page of `path`: one `rel="self"`, and one `rel="next"` while more remain
 * (Okta's `after` is opaque to clients).
 */
export function linkHeaderLines(
  origin: string,
  path: string,
  query: URLSearchParams,
  after: string | undefined,
): string[] {
  const self = `<${origin}${path}${query.size > 0 ? `?${query}` : ''}>; rel="self"`;
  if (after === undefined) return [self];
  const nextQuery = new URLSearchParams(query);
  nextQuery.set('after', after);
  return [self, `<${origin}${path}?${nextQuery}>; rel="next"`];
}

/** The opaque `after` cursor of the fake: an offset Okta clients cannot read into. */
export function encodeAfter(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeAfter(after: string | null): number | undefined {
  if (after === null) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** A page of `items` at `after`, with its Link header; a bad `after` or `limit` is Okta's 400. */
export function pageOf<Item>(
  items: (offset: number, limit: number) => { page: Item[]; total: number },
  request: { path: string; query: URLSearchParams },
  origin: string,
  limits: { default: number; maximum: number },
): FakeResponse {
  const offset = decodeAfter(request.query.get('after'));
  if (offset === undefined) return validationFailed('after', 'The after cursor is invalid.');
  const limitText = request.query.get('limit');
  const limit = limitText === null ? limits.default : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1)
    return validationFailed('limit', 'limit must be a positive integer.');
  const size = Math.min(limit, limits.maximum);
  const { page, total } = items(offset, size);
  const after = offset + page.length < total ? encodeAfter(offset + page.length) : undefined;
  return {
    status: 200,
    // Okta sends each link as its own header line. testkit types header values as strings, but node's
    // writeHead sends an array as one line per value, which is what clients must cope with.
    headers: { link: linkHeaderLines(origin, request.path, request.query, after) as unknown as string },
    body: page,
  };
}

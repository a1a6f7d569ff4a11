import { readRateLimitReset, readRetryAfterHeader } from '@unidir/connector-utils';

interface GitHubResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function messageOf(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : '';
}

function isPrimaryLimit(response: GitHubResponse): boolean {
  return response.headers['x-ratelimit-remaining'] === '0';
}

function isSecondaryLimit(response: GitHubResponse): boolean {
  return (
    response.headers['retry-after'] !== undefined || /secondary rate limit/i.test(messageOf(response.body))
  );
}

/**
 * GitHub throttles with 403 or 429: the primary limit says `x-ratelimit-remaining: 0`, a secondary limit
 * sends `retry-after` or says so in its message. Any other 403 is a permission refusal and is not retried.
 */
export function isGitHubRateLimited(response: GitHubResponse): boolean {
  if (response.status !== 403 && response.status !== 429) return false;
  return isPrimaryLimit(response) || isSecondaryLimit(response);
}

/**
 * The wait GitHub asks for: `retry-after`, else, once the primary window is spent, until `x-ratelimit-reset`
 * (measured against the response's own `Date`). The reset header rides on every answer, so it only counts
 * when the window is spent: a 500 must not wait an hour.
 */
export function gitHubRetryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = readRetryAfterHeader(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  if (headers['x-ratelimit-remaining'] !== '0') return undefined;
  const reset = headers['x-ratelimit-reset'];
  if (reset === undefined) return undefined;
  return readRateLimitReset(
    { 'x-rate-limit-reset': reset, ...(headers.date ? { date: headers.date } : {}) },
    now,
  );
}

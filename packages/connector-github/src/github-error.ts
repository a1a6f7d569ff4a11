import type { ProviderErrorInfo, ProviderErrorResponse } from '@unidir/connector-utils';
import { isGitHubRateLimited } from './github-rate-limit.js';

interface GitHubErrorBody {
  message?: unknown;
  errors?: Array<{ message?: unknown; code?: unknown; field?: unknown }>;
}

/** A 422's `errors[]` say what was wrong; the top-level message only says "Validation Failed". */
function detailOf(body: GitHubErrorBody): string | undefined {
  const details = (body.errors ?? [])
    .map((error) =>
      typeof error.message === 'string'
        ? error.message
        : [error.field, error.code].filter((part) => typeof part === 'string').join(' '),
    )
    .filter((detail) => detail.length > 0);
  return details.length > 0 ? details.join('; ') : undefined;
}

/**
 * GitHub's `{message, documentation_url, errors?}` -> what connector-utils raises core's errors from, with
 * `x-github-request-id` as the provider request id. Throttling (403/429 with rate-limit headers) is a rate
 * limit; a 401 is an authentication failure; any other 403 stays a refusal the caller can read.
 */
export function parseGitHubError(response: ProviderErrorResponse): ProviderErrorInfo {
  const body = (
    typeof response.body === 'object' && response.body !== null ? response.body : {}
  ) as GitHubErrorBody;
  const base =
    typeof body.message === 'string' && body.message.length > 0
      ? body.message
      : `GitHub answered ${response.status}.`;
  const detail = detailOf(body);
  const info: ProviderErrorInfo = { message: detail ? `${base}: ${detail}` : base };
  const requestId = response.headers['x-github-request-id'];
  if (requestId !== undefined) info.requestId = requestId;
  if (isGitHubRateLimited(response)) info.isRateLimit = true;
  if (response.status === 401) info.isAuthFailure = true;
  return info;
}

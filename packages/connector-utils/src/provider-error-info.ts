export interface ProviderErrorInfo {
  message: string;
  providerCode?: string;
  requestId?: string;
  /** e.g. Google 403 `userRateLimitExceeded`: treat as a rate limit. */
  isRateLimit?: boolean;
  /** The credentials were rejected (maps to ProviderAuthFailedError). */
  isAuthFailure?: boolean;
}

export interface ProviderErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type ParseProviderError = (response: ProviderErrorResponse) => ProviderErrorInfo;

const requestIdHeaders = [
  'request-id',
  'x-request-id',
  'x-okta-request-id',
  'client-request-id',
  'x-ms-request-id',
];

/** The provider's id for one request (Graph `request-id`, Okta `x-okta-request-id`), for support cases and the audit log. */
export function providerRequestIdOf(headers: Record<string, string>): string | undefined {
  return requestIdHeaders.map((name) => headers[name]).find((value) => value !== undefined);
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;
}

/**
 * Reads the error shapes the common providers use: `{ error: { code, message } }` (Graph, Google),
 * `{ errorCode, errorSummary }` (Okta), `{ error, error_description }` (OAuth), `{ message }`.
 */
export function parseProviderErrorDefault(response: ProviderErrorResponse): ProviderErrorInfo {
  const { body } = response;
  const nested =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  const message =
    stringField(nested, 'message') ??
    stringField(body, 'errorSummary') ??
    stringField(body, 'error_description') ??
    stringField(body, 'message') ??
    (typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : `HTTP ${response.status}`);
  const providerCode =
    stringField(nested, 'code') ??
    stringField(body, 'errorCode') ??
    (typeof nested === 'string' ? nested : undefined);
  const requestId = providerRequestIdOf(response.headers);
  const info: ProviderErrorInfo = { message };
  if (providerCode !== undefined) info.providerCode = providerCode;
  if (requestId !== undefined) info.requestId = requestId;
  return info;
}

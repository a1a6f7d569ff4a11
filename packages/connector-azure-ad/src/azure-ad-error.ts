import type { ProviderErrorInfo } from '@unidir/connector-utils';

interface GraphErrorBody {
  error?: {
    code?: unknown;
    message?: unknown;
    innerError?: { 'request-id'?: unknown };
  };
}

/** Codes that mean the account's token or consent is wrong, not the request. */
const authFailureCodes = new Set([
  'InvalidAuthenticationToken',
  'Authorization_RequestDenied',
  'Authentication_MissingOrMalformed',
]);

/**
 * Graph's `{error:{code,message,innerError:{request-id}}}` -> what connector-utils needs to raise core's
 * errors. Throttling stays a rate limit (429 and 503 carry Retry-After); a 401, or a 403 for missing
 * consent, is an authentication failure.
 */
export function parseGraphError(response: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): ProviderErrorInfo {
  const error = (response.body as GraphErrorBody | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : `Microsoft Graph answered ${response.status}.`;
  const innerRequestId = error?.innerError?.['request-id'];
  const requestId =
    response.headers['request-id'] ?? (typeof innerRequestId === 'string' ? innerRequestId : undefined);
  const info: ProviderErrorInfo = { message };
  if (code) info.providerCode = code;
  if (requestId) info.requestId = requestId;
  if (response.status === 429 || code === 'TooManyRequests') info.isRateLimit = true;
  if (
    response.status === 401 ||
    (response.status === 403 && code !== undefined && authFailureCodes.has(code))
  ) {
    info.isAuthFailure = true;
  }
  return info;
}

import type { ProviderErrorInfo, ProviderErrorResponse } from '@unidir/connector-utils';

interface OktaErrorBody {
  errorCode?: unknown;
  errorSummary?: unknown;
  errorCauses?: Array<{ errorSummary?: unknown }>;
}

/** Okta's rate-limit error code; it comes with 429 and the X-Rate-Limit-* headers. */
export const oktaRateLimitErrorCode = 'E0000047';
/** "Invalid token provided". */
const invalidTokenErrorCode = 'E0000011';

function causesOf(body: OktaErrorBody): string[] {
  if (!Array.isArray(body.errorCauses)) return [];
  return body.errorCauses
    .map((cause) => cause?.errorSummary)
    .filter((summary): summary is string => typeof summary === 'string' && summary.length > 0);
}

/**
 * Okta's `{errorCode, errorSummary, errorCauses}` -> what connector-utils needs to raise core's errors: the
 * message names the E0000xxx code and the causes, the request id comes from `X-Okta-Request-Id`. A token
 * without a needed scope gets a 403 with no body, only `WWW-Authenticate: ... insufficient_scope`.
 */
export function parseOktaError(response: ProviderErrorResponse): ProviderErrorInfo {
  const body = (
    typeof response.body === 'object' && response.body !== null ? response.body : {}
  ) as OktaErrorBody;
  const code = typeof body.errorCode === 'string' ? body.errorCode : undefined;
  const summary = typeof body.errorSummary === 'string' ? body.errorSummary : undefined;
  const causes = causesOf(body);
  const insufficientScope = /insufficient_scope/.test(response.headers['www-authenticate'] ?? '');
  let message = summary ?? `Okta answered ${response.status}.`;
  if (causes.length > 0) message += ` (${causes.join('; ')})`;
  if (code !== undefined) message = `${code}: ${message}`;
  if (insufficientScope) message = `The access token lacks a scope this call needs (${message})`;
  const info: ProviderErrorInfo = { message };
  if (code !== undefined) info.providerCode = code;
  const requestId = response.headers['x-okta-request-id'];
  if (requestId !== undefined) info.requestId = requestId;
  if (response.status === 429 || code === oktaRateLimitErrorCode) info.isRateLimit = true;
  if (response.status === 401 || code === invalidTokenErrorCode || insufficientScope)
    info.isAuthFailure = true;
  return info;
}

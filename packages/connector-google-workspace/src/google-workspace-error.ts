import type { ProviderErrorInfo } from '@unidir/connector-utils';
import type { GoogleErrorBody } from './google-workspace-types.js';

interface ProviderErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Google signals throttling with 403 and one of these reasons (and sometimes with 429). */
const rateLimitReasons = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded']);
/** 403 reasons that mean the credentials lack a scope, an admin role or domain-wide delegation. */
const authorizationReasons = new Set(['authError', 'insufficientPermissions']);

function firstReason(body: GoogleErrorBody): string | undefined {
  return body.error?.errors?.[0]?.reason;
}

function asErrorBody(body: unknown): GoogleErrorBody {
  return typeof body === 'object' && body !== null ? (body as GoogleErrorBody) : {};
}

export function isGoogleRateLimited(response: ProviderErrorResponse): boolean {
  if (response.status === 429) return true;
  const reason = firstReason(asErrorBody(response.body));
  return response.status === 403 && reason !== undefined && rateLimitReasons.has(reason);
}

function isAuthFailure(status: number, body: GoogleErrorBody): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  const reason = firstReason(body);
  if (reason !== undefined && authorizationReasons.has(reason)) return true;
  return reason === 'forbidden' && /not authorized to access this resource/i.test(body.error?.message ?? '');
}

/** Reads `{error:{code,message,errors[{reason}],status}}`; other bodies (an HTML proxy page) keep the status only. */
export function parseGoogleError(response: ProviderErrorResponse): ProviderErrorInfo {
  const body = asErrorBody(response.body);
  const providerCode = firstReason(body) ?? body.error?.status;
  const info: ProviderErrorInfo = {
    message: body.error?.message ?? `Google answered HTTP ${response.status}`,
    isRateLimit: isGoogleRateLimited(response),
    isAuthFailure: isAuthFailure(response.status, body),
  };
  if (providerCode !== undefined) info.providerCode = providerCode;
  return info;
}

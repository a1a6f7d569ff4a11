import type { ProviderErrorInfo, ProviderErrorResponse } from '@unidir/connector-utils';
import {
  NotFoundError,
  ProviderApiCallError,
  ProviderAuthFailedError,
  RateLimitedError,
  type UnidirError,
} from '@unidir/core';

/** Slack's id for one request, for support cases. */
export const slackRequestIdHeader = 'x-slack-req-id';

/** The Web API's error envelope: HTTP 200 (or 429) with `ok:false`; `needed`/`provided` come with missing_scope. */
export interface SlackErrorBody {
  ok: false;
  error: string;
  needed?: string;
  provided?: string;
}

/** The token is dead (revoked, its user or workspace deactivated): only a new install helps. */
const reauthErrors = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'not_authed']);
/** The token is alive but may not do this. */
const permissionErrors = new Set([
  'access_denied',
  'not_allowed_token_type',
  'not_an_admin',
  'not_an_enterprise',
  'invalid_permissions',
  'feature_not_enabled',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'team_access_not_granted',
  'cannot_modify_primary_owner',
  'cannot_remove_primary_owner',
  'permission_denied',
  'no_permission',
]);
const notFoundErrors = new Set(['user_not_found', 'users_not_found', 'no_such_subteam', 'team_not_found']);
/** Slack's own failures: repeating later may work. */
const unavailableErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function isSlackErrorBody(body: unknown): body is SlackErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { ok?: unknown }).ok === false &&
    typeof (body as { error?: unknown }).error === 'string'
  );
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** SCIM v2's `{schemas:[...Error], detail, status}`, or v1's `{Errors:{description, code}}` that Slack's samples still show. */
function scimErrorOf(body: unknown): { detail?: string; scimType?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const v1 = record.Errors as Record<string, unknown> | undefined;
  if (typeof v1 === 'object' && v1 !== null) return { detail: stringOf(v1.description) };
  if (
    Array.isArray(record.schemas) &&
    record.schemas.includes('urn:ietf:params:scim:api:messages:2.0:Error')
  ) {
    return { detail: stringOf(record.detail), scimType: stringOf(record.scimType) };
  }
  return undefined;
}

/**
 * A non-2xx answer (SCIM errors, HTTP 429, an outage) → what connector-utils needs. Web API errors come as
 * HTTP 200 and are mapped by `slackPlatformError` instead.
 */
export function parseSlackHttpError(response: ProviderErrorResponse): ProviderErrorInfo {
  const { body, status, headers } = response;
  const info: ProviderErrorInfo = { message: `Slack answered HTTP ${status}.` };
  const requestId = headers[slackRequestIdHeader];
  if (requestId !== undefined) info.requestId = requestId;
  if (isSlackErrorBody(body)) {
    info.message = `Slack answered ${body.error}.`;
    info.providerCode = body.error;
    if (body.error === 'ratelimited') info.isRateLimit = true;
    if (reauthErrors.has(body.error)) info.isAuthFailure = true;
    return info;
  }
  const scim = scimErrorOf(body);
  if (scim !== undefined) {
    if (scim.detail !== undefined) info.message = scim.detail;
    if (scim.scimType !== undefined) info.providerCode = scim.scimType;
  }
  return info;
}

export interface SlackCallDescription {
  /** The Web API method, e.g. `users.list`. */
  method: string;
  httpMethod: string;
  url: string;
  requestId?: string;
}

/** A Web API `ok:false` answer → core's error, by Slack's `error` code (the HTTP status is 200 and says nothing). */
export function slackPlatformError(body: SlackErrorBody, call: SlackCallDescription): UnidirError {
  const { error } = body;
  const what = `Slack refused ${call.method} (${error})`;
  if (reauthErrors.has(error)) {
    return new ProviderAuthFailedError({
      message: `${what}: the token is no longer valid; the account must be connected again.`,
      needsReauth: true,
      providerStatus: 200,
      details: { provider_error: error },
    });
  }
  if (error === 'token_expired') {
    // A rotating token outlived its 12 hours: the next call refreshes it; the account itself is fine.
    return new ProviderAuthFailedError({
      message: `${what}: the access token expired.`,
      providerStatus: 200,
      details: { provider_error: error },
    });
  }
  if (notFoundErrors.has(error)) {
    return new NotFoundError({
      message: `${what}.`,
      details: { provider_error: error, provider_request_id: call.requestId },
    });
  }
  if (error === 'ratelimited') {
    return new RateLimitedError({ message: `${what}: Slack is rate limiting this token.` });
  }
  const payload: Record<string, string> = { error };
  if (body.needed !== undefined) payload.needed = body.needed;
  if (body.provided !== undefined) payload.provided = body.provided;
  const common = {
    method: call.httpMethod,
    url: call.url,
    providerPayload: payload,
    providerRequestId: call.requestId,
  };
  if (error === 'missing_scope') {
    return new ProviderApiCallError({
      ...common,
      message: `${what}: the token lacks the scope ${body.needed ?? '(Slack did not say which)'}${body.provided ? `; it has ${body.provided}` : ''}.`,
      providerStatus: 403,
      code: 'provider_missing_scope',
    });
  }
  if (permissionErrors.has(error)) {
    return new ProviderApiCallError({
      ...common,
      message: `${what}: the token may not do this.`,
      providerStatus: 403,
    });
  }
  if (unavailableErrors.has(error)) {
    return new ProviderApiCallError({ ...common, message: `${what}: Slack failed.`, providerStatus: 503 });
  }
  return new ProviderApiCallError({ ...common, message: `${what}.`, providerStatus: 400 });
}

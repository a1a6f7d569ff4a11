/**
 * One marker shared by every copy of @unidir/core in a process: a connector built against another
 * install of core still throws errors the host recognises.
 */
const unidirErrorMarker = Symbol.for('unidir.error');

export interface UnidirErrorOptions {
  message: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/** The base of every error unidir raises on purpose. `code` is stable; messages may change. */
export class UnidirError extends Error {
  readonly [unidirErrorMarker] = true;
  /** A stable, machine-readable name for what went wrong. */
  readonly code: string;
  /** The HTTP status the server answers with. */
  readonly httpStatus: number;
  /** Whether repeating the same call later may succeed. */
  readonly isRetryable: boolean;
  /** Extra, secret-free facts for the caller (what was supported, which parameter, ...). */
  readonly details?: Record<string, unknown>;

  constructor(
    options: UnidirErrorOptions & { code: string; httpStatus: number; isRetryable?: boolean; name?: string },
  ) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name ?? 'UnidirError';
    this.code = options.code;
    this.httpStatus = options.httpStatus;
    this.isRetryable = options.isRetryable ?? false;
    if (options.details !== undefined) this.details = options.details;
  }

  /** True for any unidir error, whichever copy of @unidir/core created it. */
  static isInstance(error: unknown): error is UnidirError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[unidirErrorMarker] === true
    );
  }
}

/** Input (ours or a caller's) that does not match the schema. */
export class ValidationError extends UnidirError {
  constructor(options: UnidirErrorOptions & { code?: string }) {
    super({
      ...options,
      code: options.code ?? 'validation_failed',
      httpStatus: 400,
      name: 'ValidationError',
    });
  }
}

/** A parameter, or a value of one, that the connector does not support: refused before any provider call. */
export class UnsupportedParameterError extends UnidirError {
  readonly parameter: string;
  readonly supported: readonly string[];

  constructor(options: {
    parameter: string;
    supported: readonly string[];
    message?: string;
    reason?: string;
  }) {
    const supportedList = options.supported.length > 0 ? options.supported.join(', ') : 'none';
    super({
      message:
        options.message ??
        `Parameter "${options.parameter}" is not supported here${options.reason ? `: ${options.reason}` : ''}. Supported: ${supportedList}.`,
      code: 'unsupported_parameter',
      httpStatus: 400,
      name: 'UnsupportedParameterError',
      details: { parameter: options.parameter, supported: [...options.supported], reason: options.reason },
    });
    this.parameter = options.parameter;
    this.supported = options.supported;
  }
}

/** An operation the connector does not implement. */
export class UnsupportedOperationError extends UnidirError {
  constructor(options: { operation: string; connectorId: string }) {
    super({
      message: `The ${options.connectorId} connector does not support ${options.operation}.`,
      code: 'unsupported_operation',
      httpStatus: 405,
      name: 'UnsupportedOperationError',
      details: { operation: options.operation, integration: options.connectorId },
    });
  }
}

/** The record does not exist at the provider (or is not visible to this account). */
export class NotFoundError extends UnidirError {
  constructor(options: UnidirErrorOptions & { resource?: string; id?: string }) {
    super({
      ...options,
      code: 'not_found',
      httpStatus: 404,
      name: 'NotFoundError',
      details: { ...options.details, resource: options.resource, id: options.id },
    });
  }
}

/** A cursor that unidir did not issue, for another connector or list, or of an old version. */
export class InvalidCursorError extends UnidirError {
  constructor(options: UnidirErrorOptions) {
    super({ ...options, code: 'invalid_cursor', httpStatus: 400, name: 'InvalidCursorError' });
  }
}

/** The provider throttled us and the wait it asked for does not fit the call's budget. */
export class RateLimitedError extends UnidirError {
  /** Seconds the provider asked us to wait, rounded up; undefined when it did not say. */
  readonly retryAfterSeconds?: number;

  constructor(options: UnidirErrorOptions & { retryAfterSeconds?: number }) {
    super({
      ...options,
      code: 'rate_limited',
      httpStatus: 429,
      isRetryable: true,
      name: 'RateLimitedError',
      details: { ...options.details, retry_after_seconds: options.retryAfterSeconds },
    });
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The provider rejected the integrated account's credentials (a bad secret, a revoked grant, missing
 * consent). Not our API token: that is `unauthorized`.
 */
export class ProviderAuthFailedError extends UnidirError {
  /** True when a person must connect the account again (e.g. `invalid_grant`). */
  readonly needsReauth: boolean;

  constructor(options: UnidirErrorOptions & { needsReauth?: boolean; providerStatus?: number }) {
    const needsReauth = options.needsReauth ?? false;
    super({
      ...options,
      code: needsReauth ? 'integrated_account_reauth_required' : 'provider_auth_failed',
      httpStatus: 401,
      name: 'ProviderAuthFailedError',
      details: { ...options.details, provider_status: options.providerStatus },
    });
    this.needsReauth = needsReauth;
  }
}

/** Statuses whose repeat may succeed: timeouts, conflicts of timing, throttling and outages. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export interface ProviderApiCallErrorOptions {
  message: string;
  /** The provider's HTTP status; 0 when no response arrived. */
  providerStatus: number;
  /** Method and URL of the failed call, with secrets removed. */
  method: string;
  url: string;
  /** The provider's parsed error body, secret values already scrubbed. */
  providerPayload?: unknown;
  responseHeaders?: Record<string, string>;
  /** The provider's request id (Graph `request-id`, Okta `x-okta-request-id`), for support cases. */
  providerRequestId?: string;
  isRetryable?: boolean;
  cause?: unknown;
  code?: string;
}

/**
 * A provider call that failed. The HTTP answer says whose fault it is: a provider 4xx the caller can fix
 * stays 4xx (`provider_rejected_request`); no answer or a 5xx is 502 (`provider_unavailable`).
 */
export class ProviderApiCallError extends UnidirError {
  readonly providerStatus: number;
  readonly method: string;
  readonly url: string;
  readonly providerPayload?: unknown;
  readonly responseHeaders: Record<string, string>;
  readonly providerRequestId?: string;

  constructor(options: ProviderApiCallErrorOptions) {
    const callerCanFix = options.providerStatus >= 400 && options.providerStatus < 500;
    super({
      message: options.message,
      cause: options.cause,
      code: options.code ?? (callerCanFix ? 'provider_rejected_request' : 'provider_unavailable'),
      httpStatus: callerCanFix ? options.providerStatus : 502,
      isRetryable:
        options.isRetryable ?? (options.providerStatus === 0 || isRetryableStatus(options.providerStatus)),
      name: 'ProviderApiCallError',
      details: {
        provider_status: options.providerStatus,
        provider_request_id: options.providerRequestId,
        provider_error: options.providerPayload,
      },
    });
    this.providerStatus = options.providerStatus;
    this.method = options.method;
    this.url = options.url;
    this.responseHeaders = options.responseHeaders ?? {};
    if (options.providerPayload !== undefined) this.providerPayload = options.providerPayload;
    if (options.providerRequestId !== undefined) this.providerRequestId = options.providerRequestId;
  }
}

/** The provider did not answer within the call's time budget. */
export class ProviderTimeoutError extends UnidirError {
  constructor(options: UnidirErrorOptions) {
    super({
      ...options,
      code: 'provider_timeout',
      httpStatus: 504,
      isRetryable: true,
      name: 'ProviderTimeoutError',
    });
  }
}

/** The provider answered with something that is not what its API promises (truncated or invalid JSON). */
export class ProviderInvalidResponseError extends UnidirError {
  constructor(options: UnidirErrorOptions) {
    super({
      ...options,
      code: 'provider_invalid_response',
      httpStatus: 502,
      isRetryable: true,
      name: 'ProviderInvalidResponseError',
    });
  }
}

/** A provider URL (base URL, token URL, next link) that the account may not reach (SSRF rules). */
export class DisallowedHostError extends UnidirError {
  constructor(options: UnidirErrorOptions & { host: string }) {
    super({
      ...options,
      code: 'disallowed_provider_host',
      httpStatus: 400,
      name: 'DisallowedHostError',
      details: { ...options.details, host: options.host },
    });
  }
}

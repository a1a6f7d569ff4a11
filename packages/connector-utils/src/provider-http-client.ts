import { Readable } from 'node:stream';
import {
  type ConnectorLogger,
  NotFoundError,
  type OperationContext,
  ProviderApiCallError,
  ProviderAuthFailedError,
  type ProviderCallRecord,
  ProviderInvalidResponseError,
  ProviderTimeoutError,
  RateLimitedError,
  UnidirError,
} from '@unidir/core';
import { type Dispatcher, request as undiciRequest } from 'undici';
import {
  type ParseProviderError,
  type ProviderErrorInfo,
  type ProviderErrorResponse,
  parseProviderErrorDefault,
  providerRequestIdOf,
} from './provider-error-info.js';
import {
  appendQuery,
  assertSameOrigin,
  buildProviderUrl,
  describeUrlForLog,
  type ProviderQuery,
  parseProviderUrl,
} from './provider-url.js';
import { createSecretRedactor, type SecretRedactor } from './redact-secrets.js';
import { defaultMaxResponseBytes, flattenHeaders, parseBodyText, readBodyText } from './response-body.js';
import {
  type AttemptFailure,
  decideRetry,
  type ProviderMethod,
  type RetryDecision,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy.js';
import { shareableHeaders } from './shareable-headers.js';
import { getSharedAgent } from './shared-agent.js';
import type { GetTokenOptions, TokenProvider } from './token-provider.js';
import { wait } from './wait.js';

export interface ProviderRequest {
  method: ProviderMethod;
  /** Path segments under the client's base URL; each is percent-encoded; '', '.', '..' are refused. */
  path?: readonly string[];
  /** An absolute URL instead of path (a Graph `@odata.nextLink`): must be same-origin as the base URL. */
  url?: string;
  query?: ProviderQuery;
  headers?: Record<string, string>;
  /** JSON-serialised once, so a retry sends exactly the same bytes. */
  body?: unknown;
  /** A body that can only be sent once (an upload stream): such a request is never retried (R6). */
  stream?: { contentType: string; data: AsyncIterable<Uint8Array> };
  /** The provider operation is safe to repeat (PUT/DELETE only when the connector says so). GET/HEAD always are. */
  idempotent?: boolean;
  /**
   * DELETE semantics (R4): a 404 on a retry after an attempt that may have taken effect means it did:
   * outcome `already_done`. A 404 on the first attempt is still NotFoundError.
   */
  notFoundOnRetryMeansDone?: boolean;
  /** What the call is for, for logs, errors and the provider-call journal ("delete user"). */
  description?: string;
}

export interface ProviderResponse<Body = unknown> {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON; undefined for 204 or an empty body. */
  body: Body;
  outcome: 'sent' | 'planned' | 'already_done';
}

/** The per-call context: pass the OperationContext you received. */
export type ProviderCallContext = Pick<
  OperationContext<unknown>,
  'signal' | 'deadline' | 'dryRun' | 'providerCalls' | 'logger' | 'earlierAttemptMayHaveActed'
>;

export interface ProviderHttpClient {
  request<Body = unknown>(
    request: ProviderRequest,
    context: ProviderCallContext,
  ): Promise<ProviderResponse<Body>>;
  readonly baseUrl: string;
}

export interface ProviderHttpClientOptions {
  baseUrl: string;
  /** An undici Dispatcher (ConnectorEnvironment.dispatcher); default: a shared keep-alive Agent. */
  dispatcher?: unknown;
  /** Allow http:// (loopback fakes, sandbox accounts). Otherwise only https. */
  allowInsecure?: boolean;
  /** Adds `Authorization: Bearer <token>`; on a 401 forces one refresh and replays once (R7). */
  tokenProvider?: TokenProvider;
  retry?: Partial<RetryPolicy>;
  /** Turns a provider error response into message, code and request id (per-provider body shape). */
  parseError?: ParseProviderError;
  /** Values scrubbed from anything logged or put into errors (the account's secrets). */
  secrets?: readonly string[];
  headers?: Record<string, string>;
  /** Used when a call's context has no logger. */
  logger?: ConnectorLogger;
  /** Per-attempt timeouts (R3). */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Larger responses fail with ProviderInvalidResponseError. */
  maxResponseBytes?: number;
  now?: () => number;
}

const readOnlyMethods: ReadonlySet<ProviderMethod> = new Set(['GET', 'HEAD']);

type AttemptResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: unknown }
  /** No usable answer; `error` is what the caller gets if the attempt is not repeated. */
  | { kind: 'broken'; error: UnidirError };

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function describeCall(request: ProviderRequest, logUrl: string): string {
  return `${request.description ?? 'provider call'} (${request.method} ${logUrl})`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createProviderHttpClient(options: ProviderHttpClientOptions): ProviderHttpClient {
  const base = parseProviderUrl(options.baseUrl, { allowInsecure: options.allowInsecure, what: 'base URL' });
  const policy = resolveRetryPolicy(options.retry);
  const now = options.now ?? Date.now;
  const accountSecrets = options.secrets ?? [];
  const parseError = options.parseError ?? parseProviderErrorDefault;
  const headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const dispatcher = (options.dispatcher as Dispatcher | undefined) ?? getSharedAgent();

  function resolveUrl(request: ProviderRequest): URL {
    if (request.url !== undefined) {
      const url = assertSameOrigin(request.url, options.baseUrl);
      appendQuery(url, request.query);
      return url;
    }
    return buildProviderUrl(base, request.path ?? [], request.query);
  }

  async function attemptOnce(
    url: URL,
    request: ProviderRequest,
    headers: Record<string, string>,
    body: string | Readable | undefined,
    context: ProviderCallContext,
    logUrl: string,
  ): Promise<AttemptResult> {
    const remainingMs = context.deadline - now();
    const label = describeCall(request, logUrl);
    if (context.signal.aborted) throw context.signal.reason;
    if (remainingMs <= 0)
      throw new ProviderTimeoutError({ message: `No time left in the call's budget for ${label}.` });
    let headersArrived = false;
    try {
      // No controller or timer of its own: the call's signal aborts at the deadline (the runtime's budget),
      // undici's timeouts end at it too, and the body is read no further than it.
      const response = await undiciRequest(url, {
        method: request.method,
        headers,
        body,
        dispatcher,
        signal: context.signal,
        headersTimeout: Math.min(headersTimeoutMs, remainingMs),
        bodyTimeout: Math.min(bodyTimeoutMs, remainingMs),
      });
      headersArrived = true;
      const responseHeaders = flattenHeaders(response.headers);
      const text = await readBodyText(response.body, maxResponseBytes, { until: context.deadline, now });
      const success = response.statusCode >= 200 && response.statusCode < 300;
      let parsed: unknown;
      try {
        parsed = parseBodyText(text, responseHeaders['content-type']);
      } catch (error) {
        if (success) return { kind: 'broken', error: error as UnidirError };
        // An error page that is not JSON still tells us the status; keep its text.
        parsed = text;
      }
      return { kind: 'response', status: response.statusCode, headers: responseHeaders, body: parsed };
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      if (now() >= context.deadline) {
        throw new ProviderTimeoutError({ message: `The call's time budget ran out during ${label}.` });
      }
      if (UnidirError.isInstance(error)) throw error;
      const code = errorCode(error) ?? 'network error';
      if (timeoutCodes.has(code)) {
        return {
          kind: 'broken',
          error: new ProviderTimeoutError({ message: `${label} timed out (${code}).` }),
        };
      }
      if (headersArrived) {
        return {
          kind: 'broken',
          error: new ProviderInvalidResponseError({
            message: `${label}: the response was cut off (${code}).`,
          }),
        };
      }
      return {
        kind: 'broken',
        error: new ProviderApiCallError({
          message: `${label} got no answer (${code}).`,
          providerStatus: 0,
          method: request.method,
          url: logUrl,
        }),
      };
    }
  }

  const accountRedactor = createSecretRedactor(accountSecrets);
  // The access tokens a call sent are the account's secrets too: a provider may echo them back. Calls of one
  // account mostly send the same token, so its redactor is kept until the token changes.
  let lastCallRedactor: { tokens: string; redactor: SecretRedactor } | undefined;
  const redactorOfCall = (sentTokens: readonly string[]): SecretRedactor => {
    if (sentTokens.length === 0) return accountRedactor;
    const tokens = sentTokens.join('\n');
    if (lastCallRedactor?.tokens !== tokens) {
      lastCallRedactor = { tokens, redactor: createSecretRedactor([...accountSecrets, ...sentTokens]) };
    }
    return lastCallRedactor.redactor;
  };

  function errorForResponse(
    request: ProviderRequest,
    response: ProviderErrorResponse,
    info: ProviderErrorInfo,
    failure: AttemptFailure,
    logUrl: string,
    sentTokens: readonly string[],
  ): UnidirError {
    const label = describeCall(request, logUrl);
    const redactor = redactorOfCall(sentTokens);
    const message = redactor.text(`The provider answered ${response.status} to ${label}: ${info.message}`);
    if (failure.kind === 'status' && failure.rateLimited) {
      const retryAfterSeconds =
        failure.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(failure.retryAfterMs / 1000));
      return new RateLimitedError({ message, retryAfterSeconds });
    }
    if (response.status === 401 || (response.status === 403 && info.isAuthFailure === true)) {
      return new ProviderAuthFailedError({ message, providerStatus: response.status });
    }
    if (response.status === 404) {
      return new NotFoundError({ message, details: { provider_request_id: info.requestId } });
    }
    return new ProviderApiCallError({
      message,
      providerStatus: response.status,
      method: request.method,
      url: logUrl,
      providerPayload: redactor.deep(response.body),
      responseHeaders: shareableHeaders(response.headers, redactor),
      providerRequestId: info.requestId,
    });
  }

  /** A token, without letting a slow token endpoint outlast the call's deadline. */
  async function tokenWithinBudget(
    context: ProviderCallContext,
    getOptions: GetTokenOptions,
  ): Promise<string> {
    const tokenProvider = options.tokenProvider as TokenProvider;
    if (!getOptions.forceRefresh) {
      // The cached case needs no budget: arming timers for it costs more than the rest of the call's setup.
      const cached = tokenProvider.cachedToken?.();
      if (cached !== undefined) return cached;
    }
    const budget = AbortSignal.timeout(Math.max(0, context.deadline - now()));
    const signal = AbortSignal.any([context.signal, budget]);
    try {
      return await tokenProvider.getToken({ ...getOptions, signal });
    } catch (error) {
      if (budget.aborted && !context.signal.aborted) {
        throw new ProviderTimeoutError({
          message: "The call's time budget ran out while obtaining an access token.",
        });
      }
      throw error;
    }
  }

  async function send<Body>(
    request: ProviderRequest,
    context: ProviderCallContext,
  ): Promise<ProviderResponse<Body>> {
    const url = resolveUrl(request);
    const logUrl = describeUrlForLog(url, accountRedactor);
    const record: ProviderCallRecord = { method: request.method, url: logUrl, outcome: 'planned' };
    context.providerCalls.push(record);
    if (context.dryRun && !readOnlyMethods.has(request.method)) {
      return { status: 204, headers: {}, body: undefined as Body, outcome: 'planned' };
    }
    record.outcome = 'failed';
    let sends = 0;
    const logger = context.logger ?? options.logger;
    const body =
      request.stream === undefined
        ? request.body === undefined
          ? undefined
          : JSON.stringify(request.body)
        : Readable.from(request.stream.data);
    const contentType =
      request.stream?.contentType ??
      (request.body === undefined ? undefined : 'application/json; charset=utf-8');
    let attempt = 1;
    let authReplayed = false;
    let mayHaveCommitted = context.earlierAttemptMayHaveActed === true;
    let token: string | undefined;
    const sentTokens: string[] = [];
    const decide = (failure: AttemptFailure): RetryDecision =>
      decideRetry({
        method: request.method,
        idempotent: request.idempotent === true,
        replayableBody: request.stream === undefined,
        attempt,
        failure,
        remainingMs: context.deadline - now(),
        policy,
      });
    for (;;) {
      if (options.tokenProvider !== undefined) {
        token = await tokenWithinBudget(context, {});
        if (!sentTokens.includes(token)) sentTokens.push(token);
      }
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...options.headers,
        ...request.headers,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      };
      sends += 1;
      record.attempts = sends;
      const result = await attemptOnce(url, request, headers, body, context, logUrl);
      let decision: RetryDecision;
      if (result.kind === 'response') {
        const { status, headers: responseHeaders } = result;
        record.status = status;
        record.responseHeaders = shareableHeaders(responseHeaders, redactorOfCall(sentTokens));
        const requestId = providerRequestIdOf(responseHeaders);
        if (requestId !== undefined) record.providerRequestId = requestId;
        if (status >= 200 && status < 300) {
          record.outcome = 'sent';
          return { status, headers: responseHeaders, body: result.body as Body, outcome: 'sent' };
        }
        if (status === 404 && request.notFoundOnRetryMeansDone === true && mayHaveCommitted) {
          record.outcome = 'already_done';
          return { status, headers: responseHeaders, body: result.body as Body, outcome: 'already_done' };
        }
        const info = parseError(result);
        if (info.requestId !== undefined) record.providerRequestId = info.requestId;
        if (status === 401 && !authReplayed && request.stream === undefined && token !== undefined) {
          // A 401 means the request was refused before any effect, so one replay with a fresh token is safe
          // for every method (R7); a second 401 is the answer, and so is a refresh that changes nothing.
          authReplayed = true;
          const refreshed = await tokenWithinBudget(context, { forceRefresh: true, rejectedToken: token });
          if (refreshed !== token) continue;
        }
        const rateLimited =
          status === 429 || info.isRateLimit === true || policy.isRateLimited?.(result) === true;
        const failure: AttemptFailure = {
          kind: 'status',
          status,
          rateLimited,
          retryAfterMs: policy.retryAfterMs(responseHeaders, now()),
        };
        decision = decide(failure);
        if (!decision.retry) throw errorForResponse(request, result, info, failure, logUrl, sentTokens);
        mayHaveCommitted ||= !rateLimited;
      } else {
        decision = decide({ kind: 'network' });
        if (!decision.retry) throw result.error;
        mayHaveCommitted = true;
      }
      logger.warn(
        {
          attempt,
          maxAttempts: policy.maxAttempts,
          reason: decision.reason,
          waitMs: decision.waitMs,
          method: request.method,
          url: logUrl,
        },
        'retrying provider call',
      );
      await wait(decision.waitMs, context.signal);
      attempt += 1;
    }
  }

  return {
    baseUrl: options.baseUrl,
    request: send,
  };
}

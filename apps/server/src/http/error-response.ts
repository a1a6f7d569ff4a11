import { STATUS_CODES } from 'node:http';
import { type RateLimitedError, UnidirError } from '@unidir/core';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  details?: Record<string, unknown>;
}

export interface RenderedError {
  statusCode: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Not a deliberate error: our bug, logged in full, answered generically. */
  unexpected: boolean;
}

/** Fastify's own request errors (bad JSON, wrong media type, oversize body) with stable codes. */
const fastifyErrorCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

function body(
  statusCode: number,
  message: string,
  code: string,
  details?: Record<string, unknown>,
): ErrorBody {
  const rendered: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code };
  if (details !== undefined) rendered.details = details;
  return rendered;
}

/** Turns anything thrown into the wire error `{ statusCode, error, message, code, details? }`. */
export function renderError(error: unknown, requestId: string): RenderedError {
  if (UnidirError.isInstance(error)) {
    const headers: Record<string, string> = {};
    const retryAfter = (error as RateLimitedError).retryAfterSeconds;
    if (error.code === 'rate_limited') headers['retry-after'] = String(retryAfter ?? 1);
    const details = error.details === undefined ? undefined : JSON.parse(JSON.stringify(error.details));
    return {
      statusCode: error.httpStatus,
      body: body(error.httpStatus, error.message, error.code, details),
      headers,
      unexpected: error.httpStatus >= 500 && error.code === 'internal_error',
    };
  }
  const candidate = error as { code?: string; statusCode?: number; message?: string };
  const fastifyCode = candidate.code ? fastifyErrorCodes[candidate.code] : undefined;
  if (typeof candidate.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500) {
    return {
      statusCode: candidate.statusCode,
      body: body(candidate.statusCode, candidate.message ?? 'Bad request.', fastifyCode ?? 'invalid_request'),
      headers: {},
      unexpected: false,
    };
  }
  return {
    statusCode: 500,
    body: body(
      500,
      `Internal server error: unidir failed unexpectedly (request id ${requestId}); the server log has the details.`,
      'internal_error',
    ),
    headers: {},
    unexpected: true,
  };
}

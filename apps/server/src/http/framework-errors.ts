import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Errors fastify answers before any route runs, with our stable codes. */
const frameworkErrorCodes: Record<string, { statusCode: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: {
    statusCode: 400,
    code: 'invalid_url',
    message: 'The URL is not valid percent-encoding.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    statusCode: 414,
    code: 'path_parameter_too_long',
    message: 'A path parameter is longer than 1024 characters.',
  },
  FST_ERR_ASYNC_CONSTRAINT: {
    statusCode: 400,
    code: 'invalid_request',
    message: 'The request is not valid.',
  },
};

function envelope(statusCode: number, code: string, message: string): string {
  return JSON.stringify({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code });
}

/** fastify's `frameworkErrors`: the same envelope and request id as every other error. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = frameworkErrorCodes[error.code] ?? {
    statusCode: 400,
    code: 'invalid_request',
    message: 'The request is not valid.',
  };
  reply
    .code(known.statusCode)
    .header('x-request-id', request.id)
    .type('application/json; charset=utf-8')
    .send(envelope(known.statusCode, known.code, known.message));
}

const clientErrorStatus: Record<string, { statusCode: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    statusCode: 431,
    code: 'headers_too_large',
    message: 'The request headers exceed the server limit.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    statusCode: 408,
    code: 'request_timeout',
    message: 'The request did not arrive in time.',
  },
  ERR_HTTP_HEADERS_TIMEOUT: {
    statusCode: 408,
    code: 'request_timeout',
    message: 'The request headers did not arrive in time.',
  },
};

/**
 * fastify's `clientErrorHandler`: a request Node refused before fastify saw it (oversized headers, a
 * malformed request line, a timeout) still gets our envelope, with a request id to quote.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const known = clientErrorStatus[error.code ?? ''] ?? {
    statusCode: 400,
    code: 'invalid_request',
    message: 'The request is not valid HTTP.',
  };
  const body = envelope(known.statusCode, known.code, known.message);
  socket.end(
    `HTTP/1.1 ${known.statusCode} ${STATUS_CODES[known.statusCode]}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${randomUUID()}\r\nconnection: close\r\n\r\n${body}`,
  );
}

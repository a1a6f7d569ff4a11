import { randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '@unidir/testkit';

/** What Graph sends on every JSON answer (OData minimal metadata). */
const graphContentType =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function graphHeaders(
  request: FakeRequest,
  requestId: string,
  extra?: Record<string, string>,
): Record<string, string> {
  return {
    'request-id': requestId,
    'client-request-id': request.headers['client-request-id'] ?? requestId,
    ...extra,
  };
}

export function graphJson(
  request: FakeRequest,
  status: number,
  body: unknown,
  extra?: Record<string, string>,
): FakeResponse {
  return {
    status,
    headers: { ...graphHeaders(request, randomUUID(), extra), 'content-type': graphContentType },
    body,
  };
}

export function graphNoContent(request: FakeRequest): FakeResponse {
  return { status: 204, headers: graphHeaders(request, randomUUID()) };
}

/** Graph's error envelope: `{error:{code,message,innerError:{date,request-id,client-request-id}}}`. */
export function graphError(
  request: FakeRequest,
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
): FakeResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { ...graphHeaders(request, requestId, extra), 'content-type': 'application/json' },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': request.headers['client-request-id'] ?? requestId,
        },
      },
    },
  };
}

export function resourceNotFound(request: FakeRequest, id: string): FakeResponse {
  return graphError(
    request,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(request: FakeRequest, message: string, code = 'Request_BadRequest'): FakeResponse {
  return graphError(request, 400, code, message);
}

/** Graph writes timestamps without fractional seconds: `2021-01-04T09:00:00Z`. */
export function graphTimestamp(iso: string): string {
  // A listed user needs three of these, so the fraction is cut by hand instead of by a regular expression.
  const cut = iso.length - 5;
  if (cut >= 0 && iso.charCodeAt(cut) === 46 && iso.endsWith('Z') && isDigits(iso, cut + 1, cut + 4)) {
    return `${iso.slice(0, cut)}Z`;
  }
  return iso;
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The `@odata.context` of an answer: the service's metadata document, pointed at what the answer holds. */
export function metadataUrl(request: FakeRequest, fragment: string): string {
  return `${request.baseUrl}/v1.0/$metadata#${fragment}`;
}

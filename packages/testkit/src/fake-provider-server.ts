import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SandboxListenerHost, UnidirError } from '@unidir/core';
import { type Fault, FaultInjector, type FaultRule } from './fault-rules.js';
import { listenOnLoopback } from './loopback-server.js';
import {
  createRequestJournal,
  type JournalEntry,
  queryRecord,
  type RequestJournal,
} from './request-journal.js';
import { compileRoutePattern } from './route-pattern.js';
import { createSeededRandom } from './seeded-random.js';
import { selfSignedCertificate } from './self-signed-certificate.js';

export interface FakeRequest {
  method: string;
  /** The raw path without the query (segments are not percent-decoded; `params` are). */
  path: string;
  /** From the route pattern, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Lower-case names, unredacted. */
  headers: Record<string, string>;
  /** Parsed JSON when the content type is JSON, else the text; undefined when empty. */
  body: unknown;
  rawBody: string;
  /**
   * The URL the client reached this fake at (scheme, the Host it sent, and a shared host's path prefix), for
   * links that must lead back to the same fake.
   */
  baseUrl: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as-is instead of `body` (text/plain unless a content-type header says otherwise). */
  text?: string;
}

export interface FakeRoute {
  /** Stable name for fault injection and journal filtering, e.g. 'users.delete'. */
  name: string;
  method: string;
  /** '/v1.0/users/:id': ':name' matches one segment; '*rest' at the end matches the remainder. */
  pattern: string;
  handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
}

export interface FakeProviderServerOptions {
  routes: readonly FakeRoute[];
  /** Serve over TLS with a throwaway self-signed certificate for 127.0.0.1 and localhost. */
  tls?: boolean;
  /** Answered when no route matches; default 404 `{ error: { code: 'not_found', message } }`. */
  notFound?: (request: FakeRequest) => FakeResponse;
  /** Seeds the generator behind `FaultRule.probability`. Default 1. */
  seed?: number;
  /** Request headers the journal records as `[redacted]`. Default: authorization. */
  redactHeaders?: readonly string[];
  /** Keep only the latest N journal entries (for long-running sandbox fakes). Default: all. */
  journalLimit?: number;
  /** Mount on this shared listener instead of listening on a port of its own (not with `tls`). */
  host?: SandboxListenerHost;
}

export interface FakeProviderServer {
  /** 'http://127.0.0.1:PORT', or https:// with `tls`, or the mount's URL on a shared `host`. */
  readonly url: string;
  readonly journal: RequestJournal;
  /** With `tls`: the certificate to trust (undici `Agent({ connect: { ca } })`). */
  readonly certificatePem?: string;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Closes the server and every open connection, stalled ones included. */
  close(): Promise<void>;
}

interface CompiledRoute {
  route: FakeRoute;
  method: string;
  match: ReturnType<typeof compileRoutePattern>;
}

interface SerialisedResponse {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

const defaultNotFound = (request: FakeRequest): FakeResponse => ({
  status: 404,
  body: { error: { code: 'not_found', message: `No route for ${request.method} ${request.path}` } },
});

function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function serialise(response: FakeResponse): SerialisedResponse {
  const headers = lowerCaseHeaders(response.headers);
  const noBody = response.status === 204 || response.status === 304;
  let payload = Buffer.alloc(0);
  if (!noBody && response.text !== undefined) {
    payload = Buffer.from(response.text);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (!noBody && response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body));
    headers['content-type'] ??= 'application/json';
  }
  return { status: response.status, headers, payload };
}

function errorResponse(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message } } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function resetConnection(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) {
    try {
      socket.resetAndDestroy();
      return;
    } catch {
      // A TLS socket may refuse to reset; closing it still gives the client no response.
    }
  }
  socket.destroy();
}

/**
 * Starts an HTTP(S) server on 127.0.0.1 with a random port that answers from `routes`, records every request
 * in `journal`, and applies injected faults. For tests and sandbox accounts; it never listens beyond loopback.
 */
export async function startFakeProviderServer(
  options: FakeProviderServerOptions,
): Promise<FakeProviderServer> {
  const routes: CompiledRoute[] = options.routes.map((route) => ({
    route,
    method: route.method.toUpperCase(),
    match: compileRoutePattern(route.pattern),
  }));
  const journal = createRequestJournal(options.journalLimit);
  const faults = new FaultInjector(createSeededRandom(options.seed ?? 1));
  const redacted = new Set((options.redactHeaders ?? ['authorization']).map((name) => name.toLowerCase()));
  const notFound = options.notFound ?? defaultNotFound;
  if (options.host && options.tls) {
    throw new Error('A fake mounted on a shared host serves plain HTTP: leave out tls or host.');
  }
  const scheme = options.tls ? 'https' : 'http';
  /** Set once mounted on a shared host: the path every request to this fake starts with. */
  let mountPrefix = '';

  function send(response: ServerResponse, entry: JournalEntry, answer: FakeResponse): void {
    const { status, headers, payload } = serialise(answer);
    entry.status = status;
    response.writeHead(status, { ...headers, 'content-length': String(payload.length) });
    response.end(payload);
  }

  async function runHandler(handle: () => FakeResponse | Promise<FakeResponse>, entry: JournalEntry) {
    entry.handled = true;
    try {
      return await handle();
    } catch (error) {
      if (UnidirError.isInstance(error)) return errorResponse(error.httpStatus, error.code, error.message);
      return errorResponse(
        500,
        'fake_handler_failed',
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const rawUrl = request.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const method = (request.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let matched: { route: FakeRoute; params: Record<string, string> } | undefined;
    for (const compiled of routes) {
      if (compiled.method !== method) continue;
      const params = compiled.match(path);
      if (params) {
        matched = { route: compiled.route, params };
        break;
      }
    }
    let body: unknown = rawBody === '' ? undefined : rawBody;
    let invalidJson: string | undefined;
    if (body !== undefined && (headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(rawBody);
      } catch (error) {
        invalidJson = (error as Error).message;
      }
    }
    const fakeRequest: FakeRequest = {
      method,
      path,
      params: matched?.params ?? {},
      query,
      headers,
      body,
      rawBody,
      baseUrl: `${scheme}://${headers.host ?? '127.0.0.1'}${mountPrefix}`,
    };
    const entry = journal.record({
      route: matched?.route.name,
      method,
      path,
      query: queryRecord(query),
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, redacted.has(name) ? '[redacted]' : value]),
      ),
      body,
      status: 0,
      handled: false,
    });
    const handle = () =>
      invalidJson !== undefined
        ? errorResponse(400, 'invalid_json', `The request body is not valid JSON: ${invalidJson}`)
        : matched
          ? matched.route.handle(fakeRequest)
          : notFound(fakeRequest);
    const fault = faults.select({ route: matched?.route.name, method, path });
    if (fault) entry.fault = fault.kind;
    await applyFault(fault, handle, request, response, entry);
  }

  async function applyFault(
    fault: Fault | undefined,
    handle: () => FakeResponse | Promise<FakeResponse>,
    request: IncomingMessage,
    response: ServerResponse,
    entry: JournalEntry,
  ): Promise<void> {
    switch (fault?.kind) {
      case undefined:
        return send(response, entry, await runHandler(handle, entry));
      case 'status':
        return send(response, entry, {
          status: fault.status,
          headers: fault.headers,
          body: fault.body ?? {
            error: { code: 'injected_fault', message: `Injected status ${fault.status}` },
          },
        });
      case 'delay':
        await sleep(fault.ms);
        if (request.socket.destroyed) return;
        return send(response, entry, await runHandler(handle, entry));
      case 'stall':
        return;
      case 'stall-body': {
        const { status, headers, payload } = serialise(await runHandler(handle, entry));
        entry.status = status;
        response.writeHead(status, { ...headers, 'content-length': String(payload.length) });
        response.write(payload.subarray(0, Math.floor(payload.length / 2)));
        return;
      }
      case 'reset':
        return resetConnection(request.socket);
      case 'truncate': {
        const { status, headers, payload } = serialise(await runHandler(handle, entry));
        entry.status = status;
        delete headers['content-length'];
        response.writeHead(status, headers);
        response.end(payload.subarray(0, Math.floor(payload.length / 2)));
        return;
      }
      case 'commit-then-fail':
        await runHandler(handle, entry);
        if (fault.status === undefined) return resetConnection(request.socket);
        return send(response, entry, {
          status: fault.status,
          headers: fault.headers,
          body: fault.body ?? {
            error: { code: 'injected_fault', message: `Injected status ${fault.status}` },
          },
        });
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'fake_server_failed', message: String(error) } }));
      }
    });
  };
  const controls = {
    journal,
    injectFault: (rule: FaultRule) => faults.add(rule),
    clearFaults: () => faults.clear(),
  };
  if (options.host) {
    const mount = options.host.mount(listener);
    mountPrefix = new URL(mount.url).pathname;
    return { url: mount.url, ...controls, close: async () => mount.unmount() };
  }
  const certificate = options.tls ? await selfSignedCertificate() : undefined;
  const server: Server = certificate
    ? createHttpsServer({ key: certificate.keyPem, cert: certificate.certificatePem }, listener)
    : createHttpServer(listener);
  const listening = await listenOnLoopback(server);
  return {
    url: `${scheme}://127.0.0.1:${listening.port}`,
    ...controls,
    ...(certificate ? { certificatePem: certificate.certificatePem } : {}),
    close: listening.close,
  };
}

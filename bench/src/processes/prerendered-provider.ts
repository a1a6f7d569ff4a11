import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Pool } from 'undici';

/** A provider answer kept as bytes: served again without routing, querying or serialising. */
interface RenderedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PrerenderedProvider {
  url: string;
  /** Answers served from the cache, and answers the fake itself had to build. */
  counts(): { served: number; rendered: number };
  close(): Promise<void>;
}

/** The same request whatever order or percent-encoding its query parameters came in. */
function canonicalTarget(target: string): string {
  const queryStart = target.indexOf('?');
  if (queryStart === -1) return target;
  const parameters = [...new URLSearchParams(target.slice(queryStart + 1))]
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return `${target.slice(0, queryStart)}?${parameters.join('&')}`;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const hopByHopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * A loopback front for a fake provider that keeps every successful GET answer as a buffer and serves it
 * again from memory: the first pass through a directory renders its pages (through the fake, which checks
 * the token), every later pass costs a map lookup and one socket write per page, so a benchmark measures
 * the client and not the fake. A cached answer is served only to an Authorization header the fake has
 * already accepted; anything else (token requests, writes, unknown tokens) goes to the fake. The fake
 * builds absolute links (Graph's nextLink) from the Host header, which this front passes on, so links
 * lead back here.
 */
export async function startPrerenderedProvider(upstream: string): Promise<PrerenderedProvider> {
  const rendered = new Map<string, RenderedAnswer>();
  const acceptedAuthorizations = new Set<string>();
  const pool = new Pool(upstream, { connections: 8 });
  const sockets = new Set<Socket>();
  let served = 0;
  let renderedCount = 0;

  function write(response: ServerResponse, answer: RenderedAnswer): void {
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    response.end(answer.body);
  }

  async function renderThroughFake(request: IncomingMessage, target: string): Promise<RenderedAnswer> {
    const body = await readBody(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !hopByHopHeaders.has(name)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    const method = request.method ?? 'GET';
    const answer = await pool.request({
      method: method as 'GET',
      path: target,
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !hopByHopHeaders.has(name)) {
        answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    renderedCount += 1;
    return {
      status: answer.statusCode,
      headers: answerHeaders,
      body: Buffer.from(await answer.body.arrayBuffer()),
    };
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const authorization = request.headers.authorization;
    if (request.method === 'GET' && authorization !== undefined) {
      const cached = rendered.get(target) ?? rendered.get(canonicalTarget(target));
      if (cached !== undefined && acceptedAuthorizations.has(authorization)) {
        rendered.set(target, cached);
        served += 1;
        return write(response, cached);
      }
    }
    const fresh = await renderThroughFake(request, target);
    if (request.method === 'GET' && authorization !== undefined && fresh.status === 200) {
      acceptedAuthorizations.add(authorization);
      const canonical = canonicalTarget(target);
      const known = rendered.get(canonical) ?? fresh;
      rendered.set(canonical, known);
      rendered.set(target, known);
    }
    write(response, fresh);
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'prerendered_front_failed', message: String(error) } }));
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ served, rendered: renderedCount }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await pool.close();
    },
  };
}

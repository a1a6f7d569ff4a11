import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (nothing decoded). */
  rawUrl: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** JSON or form fields when the body was one, else the text. */
  body: unknown;
}

export type LoopbackHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

function parseBody(rawBody: string, contentType: string | undefined): unknown {
  if (rawBody === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(rawBody));
  }
  if (contentType?.includes('json')) return JSON.parse(rawBody);
  return rawBody;
}

/** A real HTTP server on 127.0.0.1:0 that records every request and lets a test answer as a provider would. */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const rawUrl = incoming.url ?? '/';
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      rawUrl,
      url: new URL(rawUrl, 'http://127.0.0.1'),
      headers: incoming.headers,
      rawBody,
      body: parseBody(rawBody, incoming.headers['content-type']),
    };
    requests.push(recorded);
    try {
      await handler(recorded, response);
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json' }),
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Drops the connection without answering: what a reset looks like to the client. */
export function resetConnection(response: ServerResponse): void {
  response.socket?.destroy();
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SandboxListenerHost } from '@unidir/core';
import { listenOnLoopback } from './loopback-server.js';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export interface FakeServerHost extends SandboxListenerHost {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  /** Closes the listener and every open connection. */
  close(): Promise<void>;
}

const mountPath = /^\/fakes\/(\d+)(?=[/?]|$)/;

/**
 * One loopback listener that serves many fakes, each under a path of its own (`/fakes/3/...`). A host that
 * runs many sandbox accounts then holds one listening socket and one connection pool for all of them,
 * instead of a listener (and keep-alive connections) per sandbox.
 */
export async function startFakeServerHost(): Promise<FakeServerHost> {
  const listeners = new Map<string, Listener>();
  let nextId = 1;
  const server = createServer((request, response) => {
    const match = mountPath.exec(request.url ?? '');
    const listener = match ? listeners.get(match[1] as string) : undefined;
    if (!match || !listener) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'not_found', message: 'No sandbox is mounted here.' } }));
      return;
    }
    const rest = (request.url ?? '').slice(match[0].length);
    request.url = rest.startsWith('/') ? rest : `/${rest}`;
    listener(request, response);
  });
  const listening = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${listening.port}`;
  return {
    url,
    mount(listener) {
      const id = String(nextId++);
      listeners.set(id, listener);
      return { url: `${url}/fakes/${id}`, unmount: () => listeners.delete(id) };
    },
    close: listening.close,
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SandboxListenerHost } from '@unidir/core';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export interface FakeServerHost extends SandboxListenerHost {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  /** How many fakes are mounted now. */
  readonly mounted: number;
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
  const sockets = new Set<Socket>();
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
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get mounted() {
      return listeners.size;
    },
    mount(listener) {
      const id = String(nextId++);
      listeners.set(id, listener);
      return { url: `${url}/fakes/${id}`, unmount: () => listeners.delete(id) };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

import { once } from 'node:events';
import Fastify, { type FastifyReply } from 'fastify';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { abortOnHangUp } from './abort-on-hang-up.js';

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function deferred<T = void>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * A server whose one route binds the abort once `bindWhen` resolves, then waits for the abort or for
 * `release`; `closed` resolves when the response has closed, whichever way.
 */
async function serverWith(options: {
  bindWhen: (reply: FastifyReply) => Promise<unknown>;
  release?: Promise<void>;
}) {
  const app = Fastify();
  apps.push(app);
  const arrived = deferred();
  const closed = deferred();
  let aborted = false;
  const abortedOnce = deferred();
  app.get('/', async (_request, reply) => {
    reply.raw.once('close', () => closed.resolve());
    arrived.resolve();
    await options.bindWhen(reply);
    abortOnHangUp(reply, () => {
      aborted = true;
      abortedOnce.resolve();
    });
    await Promise.race([abortedOnce.promise, options.release ?? new Promise(() => {})]);
    return { answered: true };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, arrived: arrived.promise, closed: closed.promise, aborted: () => aborted, abortedOnce };
}

async function hangUpDuringRequest(url: string, arrived: Promise<void>) {
  const hangUp = new AbortController();
  const pending = request(url, { signal: hangUp.signal }).catch(() => undefined);
  await arrived;
  hangUp.abort();
  await pending;
}

describe('abortOnHangUp', () => {
  it('aborts when the client hangs up while the answer is being prepared', async () => {
    const server = await serverWith({ bindWhen: async () => {} });
    await hangUpDuringRequest(server.url, server.arrived);
    await server.abortedOnce.promise;
    expect(server.aborted()).toBe(true);
  });

  it('aborts when the client had hung up before the abort was bound', async () => {
    const server = await serverWith({ bindWhen: (reply) => once(reply.raw, 'close') });
    await hangUpDuringRequest(server.url, server.arrived);
    await server.abortedOnce.promise;
    expect(server.aborted()).toBe(true);
  });

  it('does not abort a call whose answer was written', async () => {
    const release = deferred();
    const server = await serverWith({ bindWhen: async () => {}, release: release.promise });
    const answer = request(server.url).then((response) => response.body.json());
    await server.arrived;
    release.resolve();
    expect(await answer).toEqual({ answered: true });
    await server.closed;
    expect(server.aborted()).toBe(false);
  });
});

import { Agent, errors, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeProviderServer, type FakeRoute, startFakeProviderServer } from './fake-provider-server.js';

/** A tiny provider: one counter, readable and incrementable, so tests can see whether a handler ran. */
function counterRoutes(state: { value: number }): FakeRoute[] {
  return [
    { name: 'counter.get', method: 'GET', pattern: '/counter', handle: () => ({ status: 200, body: state }) },
    {
      name: 'counter.increment',
      method: 'POST',
      pattern: '/counter/increments',
      handle: (incoming) => {
        state.value += (incoming.body as { by: number }).by;
        return { status: 201, body: state };
      },
    },
    {
      name: 'items.get',
      method: 'GET',
      pattern: '/items/:itemId/*rest',
      handle: (incoming) => ({
        status: 200,
        body: { params: incoming.params, filter: incoming.query.get('filter'), padding: 'x'.repeat(2000) },
      }),
    },
  ];
}

const servers: FakeProviderServer[] = [];
async function start(options: Partial<Parameters<typeof startFakeProviderServer>[0]> = {}) {
  const state = { value: 0 };
  const server = await startFakeProviderServer({ routes: counterRoutes(state), ...options });
  servers.push(server);
  return { server, state };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function call(server: FakeProviderServer, method: string, path: string, body?: unknown) {
  const response = await request(`${server.url}${path}`, {
    method: method as 'GET',
    headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

describe('startFakeProviderServer routing and journal', () => {
  it('routes by method and pattern, decodes params, parses JSON bodies and journals each request', async () => {
    const { server, state } = await start();
    const item = await call(server, 'GET', '/items/a%2Fb/deep/er?filter=x&tag=1&tag=2');
    expect(item.status).toBe(200);
    expect(JSON.parse(item.text)).toMatchObject({ params: { itemId: 'a/b', rest: 'deep/er' }, filter: 'x' });
    const increment = await call(server, 'POST', '/counter/increments', { by: 3 });
    expect(increment.status).toBe(201);
    expect(state.value).toBe(3);

    const [first, second] = server.journal.entries;
    expect(first).toMatchObject({
      route: 'items.get',
      method: 'GET',
      path: '/items/a%2Fb/deep/er',
      query: { filter: 'x', tag: ['1', '2'] },
      status: 200,
      handled: true,
    });
    expect(second).toMatchObject({ route: 'counter.increment', body: { by: 3 }, status: 201 });
    expect(server.journal.forRoute('counter.increment')).toEqual([second]);
    expect(server.journal.forRoute((entry) => entry.method === 'GET')).toEqual([first]);
  });

  it('redacts the authorization header in the journal but gives it to the handler', async () => {
    let seen: string | undefined;
    const server = await startFakeProviderServer({
      routes: [
        {
          name: 'me',
          method: 'GET',
          pattern: '/me',
          handle: (incoming) => {
            seen = incoming.headers.authorization;
            return { status: 204 };
          },
        },
      ],
    });
    servers.push(server);
    await call(server, 'GET', '/me');
    expect(seen).toBe('Bearer secret-token');
    expect(server.journal.entries[0]?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(server.journal.entries)).not.toContain('secret-token');
  });

  it('keeps only the latest entries when given a journal limit', async () => {
    const { server } = await start({ journalLimit: 2 });
    for (const by of [1, 2, 3]) await call(server, 'POST', '/counter/increments', { by });
    expect(server.journal.entries.map((entry) => entry.body)).toEqual([{ by: 2 }, { by: 3 }]);
  });

  it('answers unmatched requests with the default 404 or the provider-shaped notFound', async () => {
    const { server } = await start();
    const missing = await call(server, 'DELETE', '/counter');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error.code).toBe('not_found');
    expect(server.journal.entries[0]).toMatchObject({ route: undefined, status: 404 });

    const { server: shaped } = await start({
      notFound: () => ({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } }),
    });
    expect(JSON.parse((await call(shaped, 'GET', '/nowhere')).text).error.code).toBe(
      'Request_ResourceNotFound',
    );
  });

  it('answers 400 to a JSON body that does not parse, without running the handler', async () => {
    const { server, state } = await start();
    const response = await request(`${server.url}/counter/increments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"by":',
    });
    expect(response.statusCode).toBe(400);
    await response.body.dump();
    expect(state.value).toBe(0);
  });

  it('turns a handler that throws a unidir error into its status, and any other throw into 500', async () => {
    const { NotFoundError } = await import('@unidir/core');
    const server = await startFakeProviderServer({
      routes: [
        {
          name: 'missing',
          method: 'GET',
          pattern: '/missing',
          handle: () => {
            throw new NotFoundError({ message: 'gone' });
          },
        },
        {
          name: 'broken',
          method: 'GET',
          pattern: '/broken',
          handle: () => {
            throw new Error('bug in the fake');
          },
        },
      ],
    });
    servers.push(server);
    expect((await call(server, 'GET', '/missing')).status).toBe(404);
    const broken = await call(server, 'GET', '/broken');
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('bug in the fake');
  });
});

describe('startFakeProviderServer fault injection', () => {
  it('answers an injected 429 with Retry-After on the nth matching call only', async () => {
    const { server } = await start();
    server.injectFault({
      route: 'counter.get',
      nth: [2],
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
    });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push(await call(server, 'GET', '/counter'));
    expect(statuses.map((response) => response.status)).toEqual([200, 429, 200]);
    expect(statuses[1]?.headers['retry-after']).toBe('1');
    expect(server.journal.entries.map((entry) => entry.fault)).toEqual([undefined, 'status', undefined]);
  });

  it('matches by method and path prefix and stops after `times`', async () => {
    const { server, state } = await start();
    server.injectFault({
      method: 'post',
      pathPrefix: '/counter',
      times: 2,
      fault: { kind: 'status', status: 503 },
    });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      statuses.push((await call(server, 'POST', '/counter/increments', { by: 1 })).status);
    }
    expect(statuses).toEqual([503, 503, 201]);
    expect((await call(server, 'GET', '/counter')).status).toBe(200);
    expect(state.value).toBe(1);
  });

  it('fires probabilistic faults in the same pattern for the same seed', async () => {
    async function pattern(seed: number) {
      const { server } = await start({ seed });
      server.injectFault({ route: 'counter.get', probability: 0.5, fault: { kind: 'status', status: 500 } });
      const statuses = [];
      for (let attempt = 0; attempt < 20; attempt++)
        statuses.push((await call(server, 'GET', '/counter')).status);
      return statuses;
    }
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('stops faulting after clearFaults', async () => {
    const { server } = await start();
    server.injectFault({ fault: { kind: 'status', status: 502 } });
    expect((await call(server, 'GET', '/counter')).status).toBe(502);
    server.clearFaults();
    expect((await call(server, 'GET', '/counter')).status).toBe(200);
  });

  it('delays the answer by at least the given time', async () => {
    const { server } = await start();
    server.injectFault({ route: 'counter.get', times: 1, fault: { kind: 'delay', ms: 150 } });
    const startedAt = performance.now();
    expect((await call(server, 'GET', '/counter')).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it('stalls before headers until the client gives up, and still closes', async () => {
    const { server } = await start();
    server.injectFault({ route: 'counter.get', fault: { kind: 'stall' } });
    const dispatcher = new Agent({ headersTimeout: 200 });
    await expect(request(`${server.url}/counter`, { dispatcher })).rejects.toBeInstanceOf(
      errors.HeadersTimeoutError,
    );
    expect(server.journal.entries[0]).toMatchObject({ status: 0, fault: 'stall' });
    await dispatcher.close();
  });

  it('stalls mid-body after sending headers', async () => {
    const { server } = await start();
    server.injectFault({ route: 'items.get', fault: { kind: 'stall-body' } });
    const dispatcher = new Agent({ bodyTimeout: 200 });
    const response = await request(`${server.url}/items/1/x`, { dispatcher });
    expect(response.statusCode).toBe(200);
    await expect(response.body.text()).rejects.toBeInstanceOf(errors.BodyTimeoutError);
    await dispatcher.close();
  });

  it('resets the connection before any response without running the handler', async () => {
    const { server, state } = await start();
    server.injectFault({ route: 'counter.increment', times: 1, fault: { kind: 'reset' } });
    await expect(call(server, 'POST', '/counter/increments', { by: 5 })).rejects.toThrow();
    expect(state.value).toBe(0);
    expect(server.journal.entries[0]).toMatchObject({ status: 0, fault: 'reset', handled: false });
    expect((await call(server, 'POST', '/counter/increments', { by: 5 })).status).toBe(201);
  });

  it('truncates the body to half, so it no longer parses', async () => {
    const { server } = await start();
    server.injectFault({ route: 'items.get', times: 1, fault: { kind: 'truncate' } });
    const truncated = await call(server, 'GET', '/items/1/x');
    const complete = await call(server, 'GET', '/items/1/x');
    expect(truncated.status).toBe(200);
    expect(truncated.text).toBe(complete.text.slice(0, Math.floor(complete.text.length / 2)));
    expect(() => JSON.parse(truncated.text)).toThrow();
  });

  it('commits then fails with a status: the change happens, the caller sees the error', async () => {
    const { server, state } = await start();
    server.injectFault({
      route: 'counter.increment',
      times: 1,
      fault: { kind: 'commit-then-fail', status: 504 },
    });
    expect((await call(server, 'POST', '/counter/increments', { by: 2 })).status).toBe(504);
    expect(state.value).toBe(2);
    expect(server.journal.entries[0]).toMatchObject({
      status: 504,
      handled: true,
      fault: 'commit-then-fail',
    });
  });

  it('commits then resets the connection when no status is given', async () => {
    const { server, state } = await start();
    server.injectFault({ route: 'counter.increment', times: 1, fault: { kind: 'commit-then-fail' } });
    await expect(call(server, 'POST', '/counter/increments', { by: 2 })).rejects.toThrow();
    expect(state.value).toBe(2);
    expect(server.journal.entries[0]).toMatchObject({ status: 0, handled: true });
  });
});

describe('startFakeProviderServer over TLS', () => {
  it('serves https with a self-signed certificate that clients trust only when told to', async () => {
    const { server } = await start({ tls: true });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.certificatePem).toContain('BEGIN CERTIFICATE');
    const trusting = new Agent({ connect: { ca: server.certificatePem } });
    const response = await request(`${server.url}/counter`, { dispatcher: trusting });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ value: 0 });
    await trusting.close();
    const untrusting = new Agent();
    await expect(request(`${server.url}/counter`, { dispatcher: untrusting })).rejects.toThrow(
      /self.signed/i,
    );
    await untrusting.close();
  });

  it('resets TLS connections too', async () => {
    const { server } = await start({ tls: true });
    server.injectFault({ route: 'counter.get', fault: { kind: 'reset' } });
    const trusting = new Agent({ connect: { ca: server.certificatePem } });
    await expect(request(`${server.url}/counter`, { dispatcher: trusting })).rejects.toThrow();
    await trusting.close();
  });
});

import { Readable } from 'node:stream';
import { NotFoundError, ProviderApiCallError, ProviderTimeoutError, RateLimitedError } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderHttpClient, type ProviderHttpClientOptions } from './provider-http-client.js';
import {
  type LoopbackHandler,
  type LoopbackServer,
  resetConnection,
  sendJson,
  startLoopbackServer,
} from './test-support/loopback-server.js';
import { createCallContext } from './test-support/operation-context.js';

let server: LoopbackServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers the nth request (1-based) with `answers[n-1]`; later requests get the last answer. */
function scripted(answers: LoopbackHandler[]): LoopbackHandler {
  let count = 0;
  return (request, response) => {
    const answer = answers[Math.min(count, answers.length - 1)];
    count += 1;
    return answer?.(request, response);
  };
}

const ok: LoopbackHandler = (_request, response) => sendJson(response, 200, { ok: true });
const status =
  (code: number, headers: Record<string, string> = {}): LoopbackHandler =>
  (_request, response) =>
    sendJson(response, code, { error: { code: `E${code}`, message: `failure ${code}` } }, headers);
const reset: LoopbackHandler = (_request, response) => resetConnection(response);

async function clientFor(handler: LoopbackHandler, overrides: Partial<ProviderHttpClientOptions> = {}) {
  server = await startLoopbackServer(handler);
  return createProviderHttpClient({
    baseUrl: `${server.url}/v1`,
    allowInsecure: true,
    retry: { random: () => 0, baseDelayMs: 10 },
    ...overrides,
  });
}

describe('retry policy against a loopback provider', () => {
  it('R1: GET is retried after 503 and a reset, and succeeds', async () => {
    const client = await clientFor(scripted([status(503), reset, ok]));
    const response = await client.request({ method: 'GET', path: ['users'] }, createCallContext());
    expect(response.body).toEqual({ ok: true });
    expect(server?.requests).toHaveLength(3);
  });

  it('R1: POST is never retried on 500 or on a reset', async () => {
    for (const failure of [status(500), reset]) {
      const client = await clientFor(scripted([failure, ok]));
      await expect(
        client.request({ method: 'POST', path: ['users'], body: { name: 'ada' } }, createCallContext()),
      ).rejects.toBeInstanceOf(ProviderApiCallError);
      expect(server?.requests).toHaveLength(1);
      await server?.close();
    }
  });

  it('R1: POST and PATCH are retried on 429, which proves the request was not processed', async () => {
    for (const method of ['POST', 'PATCH'] as const) {
      const client = await clientFor(scripted([status(429), ok]));
      const response = await client.request({ method, path: ['users'], body: { n: 1 } }, createCallContext());
      expect(response.status).toBe(200);
      expect(server?.requests.map((request) => request.method)).toEqual([method, method]);
      await server?.close();
    }
  });

  it('R1: PUT and DELETE are retried on 5xx only when the connector declares them idempotent', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const refused = await clientFor(scripted([status(502), ok]));
      await expect(
        refused.request({ method, path: ['users', 'u1'] }, createCallContext()),
      ).rejects.toMatchObject({
        providerStatus: 502,
      });
      expect(server?.requests).toHaveLength(1);
      await server?.close();

      const allowed = await clientFor(scripted([status(502), ok]));
      await allowed.request({ method, path: ['users', 'u1'], idempotent: true }, createCallContext());
      expect(server?.requests).toHaveLength(2);
      await server?.close();
    }
  });

  it('R1: a provider-specific rate limit (Google 403 userRateLimitExceeded) is retried even for POST', async () => {
    const googleRateLimit: LoopbackHandler = (_request, response) =>
      sendJson(response, 403, {
        error: { errors: [{ reason: 'userRateLimitExceeded' }], message: 'slow down' },
      });
    const client = await clientFor(scripted([googleRateLimit, ok]), {
      retry: {
        random: () => 0,
        isRateLimited: ({ status: code, body }) =>
          code === 403 && JSON.stringify(body).includes('RateLimitExceeded'),
      },
    });
    await client.request({ method: 'POST', path: ['users'], body: {} }, createCallContext());
    expect(server?.requests).toHaveLength(2);
  });

  it('R2: Retry-After in seconds is honoured: the retry is not sent before the wait', async () => {
    const client = await clientFor(scripted([status(429, { 'retry-after': '1' }), ok]));
    const started = Date.now();
    await client.request({ method: 'GET', path: ['users'] }, createCallContext());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server?.requests).toHaveLength(2);
  });

  it('R2: Retry-After as an HTTP-date is honoured', async () => {
    let firstAnsweredAt = 0;
    let retryAllowedAt = 0;
    const client = await clientFor(
      scripted([
        (_request, response) => {
          firstAnsweredAt = Date.now();
          // HTTP-dates have whole seconds: the next whole second after "now + 1 s".
          retryAllowedAt = Math.ceil((firstAnsweredAt + 1000) / 1000) * 1000;
          sendJson(response, 503, {}, { 'retry-after': new Date(retryAllowedAt).toUTCString() });
        },
        (_request, response) => sendJson(response, 200, { receivedAt: Date.now() }),
      ]),
    );
    const response = await client.request<{ receivedAt: number }>(
      { method: 'GET', path: ['users'] },
      createCallContext(),
    );
    expect(response.body.receivedAt).toBeGreaterThanOrEqual(retryAllowedAt - 5);
  });

  it("R2: Okta's X-Rate-Limit-Reset is read against the response Date, not our clock", async () => {
    const client = await clientFor(
      scripted([
        (_request, response) => {
          // The provider's clock is an hour behind ours: the reset is 1 s after ITS now.
          const providerNow = Math.floor((Date.now() - 3_600_000) / 1000);
          sendJson(
            response,
            429,
            {},
            { date: new Date(providerNow * 1000).toUTCString(), 'x-rate-limit-reset': `${providerNow + 1}` },
          );
        },
        ok,
      ]),
    );
    const context = createCallContext();
    const started = Date.now();
    await client.request({ method: 'GET', path: ['users'] }, context);
    // 1 s until the reset plus Okta's 1 s skew pad; against our clock it would have been "long ago" (no wait).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(context.logger.lines[0]?.fields.waitMs).toBe(2000);
  });

  it('R2: a wait beyond the remaining budget fails at once as RateLimitedError carrying retry-after', async () => {
    const client = await clientFor(status(429, { 'retry-after': '120' }));
    const started = Date.now();
    const error = await client
      .request({ method: 'GET', path: ['users'] }, createCallContext({ deadline: Date.now() + 5000 }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(120);
    expect(server?.requests).toHaveLength(1);
    // It did not sleep until the deadline hoping for the best.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('R3: a provider that never answers headers is abandoned per attempt, retried (GET) and bounded by maxAttempts', async () => {
    const client = await clientFor(() => undefined, { headersTimeoutMs: 100 });
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(server?.requests).toHaveLength(3);
  });

  it('R3: a body that stalls mid-way times out per attempt', async () => {
    const client = await clientFor(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"value": [');
      },
      { bodyTimeoutMs: 100, retry: { maxAttempts: 1 } },
    );
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
  });

  it('R3: a body trickling in faster than the idle timeout still ends at the deadline', async () => {
    const client = await clientFor(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"value": [');
        const trickle = setInterval(() => response.write(' '), 10);
        response.on('close', () => clearInterval(trickle));
      },
      { bodyTimeoutMs: 5_000, retry: { maxAttempts: 1 } },
    );
    // A caller signal that never aborts: only the deadline can end this body.
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext({ deadline: Date.now() + 300 })),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
  });

  it("R3: the call's signal aborts an attempt in flight", async () => {
    const client = await clientFor(() => undefined, { retry: { maxAttempts: 1 } });
    const caller = new AbortController();
    const pending = client
      .request({ method: 'GET', path: ['users'] }, createCallContext({ signal: caller.signal }))
      .catch((reason: unknown) => reason);
    while (server?.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    caller.abort(new Error('the call ran out of time'));
    expect(await pending).toEqual(new Error('the call ran out of time'));
  });

  it('R3: the total deadline bounds the whole call, retries included', async () => {
    const client = await clientFor(() => undefined, { headersTimeoutMs: 10_000 });
    const started = Date.now();
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext({ deadline: Date.now() + 300 })),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(Date.now() - started).toBeLessThan(300 + 2000);
  });

  it('R4: a DELETE retried after commit-then-fail reports already_done and sends no third call', async () => {
    for (const failAfterCommit of [status(500), reset]) {
      const users = new Set(['u1']);
      let effectiveDeletes = 0;
      const client = await clientFor((request, response) => {
        const id = request.url.pathname.split('/').pop() ?? '';
        if (!users.has(id)) return sendJson(response, 404, { error: { message: 'no such user' } });
        users.delete(id);
        effectiveDeletes += 1;
        // Committed, but the caller never learns it on the first attempt.
        if (effectiveDeletes === 1) return failAfterCommit(request, response);
        sendJson(response, 204, undefined);
      });
      const context = createCallContext();
      const response = await client.request(
        { method: 'DELETE', path: ['users', 'u1'], idempotent: true, notFoundOnRetryMeansDone: true },
        context,
      );
      expect(response.outcome).toBe('already_done');
      expect(effectiveDeletes).toBe(1);
      expect(server?.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
      expect(context.providerCalls).toEqual([
        expect.objectContaining({ method: 'DELETE', outcome: 'already_done', status: 404, attempts: 2 }),
      ]);
      await server?.close();
    }
  });

  it('R4: a 404 on the first attempt, or after a 429 that proves nothing happened, is NotFoundError', async () => {
    const deleteRequest = {
      method: 'DELETE' as const,
      path: ['users', 'u1'],
      idempotent: true,
      notFoundOnRetryMeansDone: true,
    };
    const first = await clientFor(status(404));
    await expect(first.request(deleteRequest, createCallContext())).rejects.toBeInstanceOf(NotFoundError);
    await server?.close();

    const afterRateLimit = await clientFor(scripted([status(429), status(404)]));
    await expect(afterRateLimit.request(deleteRequest, createCallContext())).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('R4: a 404 on the first attempt is already_done when the caller retries a request whose answer was lost', async () => {
    const client = await clientFor(status(404));
    const context = { ...createCallContext(), earlierAttemptMayHaveActed: true };
    const response = await client.request(
      { method: 'DELETE', path: ['users', 'u1'], idempotent: true, notFoundOnRetryMeansDone: true },
      context,
    );
    expect(response.outcome).toBe('already_done');
    expect(server?.requests).toHaveLength(1);
    // A read's 404 still means not found: only the delete's semantics change.
    await expect(client.request({ method: 'GET', path: ['users', 'u1'] }, context)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('R5: a 429 that outlasts the attempts is RateLimitedError (429), never a 5xx', async () => {
    const client = await clientFor(status(429, { 'retry-after': '0' }));
    const error = await client
      .request({ method: 'GET', path: ['users'] }, createCallContext())
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).httpStatus).toBe(429);
    expect(server?.requests).toHaveLength(3);
  });

  it('R6: a streamed body is never retried, while a JSON body is replayed byte-identical', async () => {
    const streamed = await clientFor(scripted([status(503), ok]));
    await expect(
      streamed.request(
        {
          method: 'PUT',
          path: ['users', 'u1', 'photo'],
          idempotent: true,
          stream: { contentType: 'image/png', data: Readable.from([Buffer.from('png-bytes')]) },
        },
        createCallContext(),
      ),
    ).rejects.toMatchObject({ providerStatus: 503 });
    expect(server?.requests).toHaveLength(1);
    await server?.close();

    const buffered = await clientFor(scripted([status(429), ok]));
    await buffered.request(
      { method: 'POST', path: ['users'], body: { name: 'Ada', tags: ['a'] } },
      createCallContext(),
    );
    const [first, second] = server?.requests ?? [];
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(first?.body).toEqual({ name: 'Ada', tags: ['a'] });
  });

  it('R8: every retry is logged with attempt, reason, wait, method and url', async () => {
    const client = await clientFor(scripted([status(503), reset, ok]));
    const context = createCallContext();
    await client.request({ method: 'GET', path: ['users'] }, context);
    const retries = context.logger.lines.filter((line) => line.message === 'retrying provider call');
    expect(retries.map((line) => line.fields)).toEqual([
      {
        attempt: 1,
        maxAttempts: 3,
        reason: 'status 503',
        waitMs: 0,
        method: 'GET',
        url: `${server?.url}/v1/users`,
      },
      {
        attempt: 2,
        maxAttempts: 3,
        reason: 'network error',
        waitMs: 0,
        method: 'GET',
        url: `${server?.url}/v1/users`,
      },
    ]);
    expect(retries.every((line) => line.level === 'warn')).toBe(true);
  });
});

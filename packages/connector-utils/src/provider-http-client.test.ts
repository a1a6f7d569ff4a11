import {
  DisallowedHostError,
  ProviderApiCallError,
  ProviderAuthFailedError,
  ProviderInvalidResponseError,
  ProviderTimeoutError,
  ValidationError,
} from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderHttpClient, type ProviderHttpClientOptions } from './provider-http-client.js';
import { createStaticTokenProvider } from './static-token-provider.js';
import {
  type LoopbackHandler,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from './test-support/loopback-server.js';
import { createCallContext } from './test-support/operation-context.js';

const servers: LoopbackServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: LoopbackHandler): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

async function clientFor(handler: LoopbackHandler, overrides: Partial<ProviderHttpClientOptions> = {}) {
  const server = await serve(handler);
  const client = createProviderHttpClient({
    baseUrl: `${server.url}/v1.0`,
    allowInsecure: true,
    retry: { random: () => 0 },
    ...overrides,
  });
  return { server, client };
}

const echo: LoopbackHandler = (request, response) =>
  sendJson(response, 200, { rawUrl: request.rawUrl, authorization: request.headers.authorization ?? null });

describe('createProviderHttpClient', () => {
  it('joins path segments under the base path, encoding each one, and encodes the query', async () => {
    const { client } = await clientFor(echo);
    const response = await client.request<{ rawUrl: string }>(
      {
        method: 'GET',
        path: ['users', 'ada lovelace@example.com', 'a/b?c#d'],
        query: { $filter: "mail eq 'a&b'", $top: 5, tag: ['x', 'y'], skipped: undefined },
      },
      createCallContext(),
    );
    expect(response.body.rawUrl).toBe(
      '/v1.0/users/ada%20lovelace%40example.com/a%2Fb%3Fc%23d?$filter=mail%20eq%20%27a%26b%27&$top=5&tag=x&tag=y',
    );
  });

  it('refuses path traversal: empty, ".", ".." segments, and never lets %2F become a slash', async () => {
    const { server, client } = await clientFor(echo);
    for (const segment of ['..', '.', '']) {
      await expect(
        client.request({ method: 'GET', path: ['users', segment, 'groups'] }, createCallContext()),
      ).rejects.toMatchObject({ code: 'invalid_path_segment' });
    }
    const smuggled = await client.request<{ rawUrl: string }>(
      { method: 'GET', path: ['users', '..%2F..%2Fgroups%2Fx'] },
      createCallContext(),
    );
    expect(smuggled.body.rawUrl).toBe('/v1.0/users/..%252F..%252Fgroups%252Fx');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a next link to another origin before sending anything, and follows a same-origin one', async () => {
    const { server, client } = await clientFor(echo);
    const other = await serve(echo);
    for (const url of [
      `${other.url}/v1.0/users`,
      'http://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
    ]) {
      await expect(client.request({ method: 'GET', url }, createCallContext())).rejects.toBeInstanceOf(
        DisallowedHostError,
      );
    }
    await expect(
      client.request(
        { method: 'GET', url: `http://user:pass@${new URL(server.url).host}/v1.0/users` },
        createCallContext(),
      ),
    ).rejects.toBeInstanceOf(DisallowedHostError);
    expect(other.requests).toHaveLength(0);
    const followed = await client.request<{ rawUrl: string }>(
      { method: 'GET', url: `${server.url}/v1.0/users?$skiptoken=abc` },
      createCallContext(),
    );
    expect(followed.body.rawUrl).toBe('/v1.0/users?$skiptoken=abc');
  });

  it('accepts only https base URLs unless insecure URLs are allowed', () => {
    expect(() => createProviderHttpClient({ baseUrl: 'http://graph.example.com/v1.0' })).toThrow(
      DisallowedHostError,
    );
    expect(() => createProviderHttpClient({ baseUrl: 'https://u:p@graph.example.com' })).toThrow(
      DisallowedHostError,
    );
    expect(() => createProviderHttpClient({ baseUrl: 'https://graph.example.com/v1.0?x=1' })).toThrow(
      ValidationError,
    );
    expect(createProviderHttpClient({ baseUrl: 'https://graph.example.com/v1.0' }).baseUrl).toBe(
      'https://graph.example.com/v1.0',
    );
  });

  it('sends JSON bodies and returns parsed JSON, undefined for 204', async () => {
    const { server, client } = await clientFor((request, response) =>
      request.method === 'DELETE'
        ? sendJson(response, 204, undefined)
        : sendJson(response, 201, { id: 'u1' }),
    );
    const created = await client.request(
      { method: 'POST', path: ['users'], body: { name: 'Ada' } },
      createCallContext(),
    );
    expect(created).toEqual(expect.objectContaining({ status: 201, body: { id: 'u1' }, outcome: 'sent' }));
    expect(server.requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(server.requests[0]?.body).toEqual({ name: 'Ada' });
    const deleted = await client.request({ method: 'DELETE', path: ['users', 'u1'] }, createCallContext());
    expect(deleted.body).toBeUndefined();
  });

  it('in a dry run, records mutations as planned without sending them, and still sends reads', async () => {
    const { server, client } = await clientFor(echo);
    const context = createCallContext({ dryRun: true });
    const planned = await client.request({ method: 'DELETE', path: ['users', 'u1'] }, context);
    await client.request({ method: 'GET', path: ['users', 'u1'] }, context);
    expect(planned).toEqual({ status: 204, headers: {}, body: undefined, outcome: 'planned' });
    expect(server.requests.map((request) => request.method)).toEqual(['GET']);
    expect(context.providerCalls).toEqual([
      { method: 'DELETE', url: `${server.url}/v1.0/users/u1`, outcome: 'planned' },
      expect.objectContaining({ method: 'GET', outcome: 'sent', status: 200, attempts: 1 }),
    ]);
  });

  it('journals successful calls with the provider request id, for the audit log', async () => {
    const { client } = await clientFor((_request, response) =>
      sendJson(response, 204, undefined, { 'request-id': 'req-7' }),
    );
    const context = createCallContext();
    await client.request({ method: 'DELETE', path: ['users', 'u1'] }, context);
    expect(context.providerCalls).toEqual([
      expect.objectContaining({ method: 'DELETE', outcome: 'sent', status: 204, providerRequestId: 'req-7' }),
    ]);
  });

  it('journals failed calls with status, attempts and the provider request id', async () => {
    const { client } = await clientFor((_request, response) =>
      sendJson(
        response,
        400,
        { error: { code: 'Request_BadRequest', message: 'bad' } },
        { 'request-id': 'req-42' },
      ),
    );
    const context = createCallContext();
    const error = await client.request({ method: 'GET', path: ['users'] }, context).catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderApiCallError);
    expect(error).toMatchObject({ httpStatus: 400, providerStatus: 400, providerRequestId: 'req-42' });
    expect(context.providerCalls).toEqual([
      expect.objectContaining({ outcome: 'failed', status: 400, attempts: 1, providerRequestId: 'req-42' }),
    ]);
  });

  it('R7: a 401 forces one token refresh and one replay; a second 401 surfaces as ProviderAuthFailedError', async () => {
    let issued = 0;
    const tokenProvider = {
      async getToken(options?: { forceRefresh?: boolean }) {
        if (options?.forceRefresh || issued === 0) issued += 1;
        return `token-${issued}`;
      },
    };
    const { server, client } = await clientFor(
      (request, response) =>
        request.headers.authorization === 'Bearer token-2'
          ? sendJson(response, 200, { ok: true })
          : sendJson(response, 401, { error: { message: 'expired' } }),
      { tokenProvider },
    );
    const replayed = await client.request({ method: 'POST', path: ['users'], body: {} }, createCallContext());
    expect(replayed.status).toBe(200);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);

    const { server: rejecting, client: rejected } = await clientFor(
      (_request, response) => sendJson(response, 401, { error: { message: 'no' } }),
      { tokenProvider },
    );
    await expect(
      rejected.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderAuthFailedError);
    expect(rejecting.requests).toHaveLength(2);
    expect(issued).toBe(3);
  });

  it('R7: a 401 with a token that cannot change (static) is final after one request', async () => {
    const { server, client } = await clientFor((_request, response) => sendJson(response, 401, {}), {
      tokenProvider: createStaticTokenProvider('ssws-token'),
    });
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderAuthFailedError);
    expect(server.requests).toHaveLength(1);
  });

  it('R3: a token endpoint that never answers cannot outlast the call budget', async () => {
    const { server, client } = await clientFor(echo, {
      tokenProvider: {
        getToken: ({ signal } = {}) =>
          new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
      },
    });
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext({ deadline: Date.now() + 200 })),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(server.requests).toHaveLength(0);
  });

  it('maps a 403 the connector recognises as an auth failure to ProviderAuthFailedError', async () => {
    const { client } = await clientFor((_request, response) =>
      sendJson(response, 403, { error: { code: 'Authorization_RequestDenied' } }),
    );
    const parseError = () => ({ message: 'denied', isAuthFailure: true });
    const guarded = createProviderHttpClient({ baseUrl: client.baseUrl, allowInsecure: true, parseError });
    await expect(
      guarded.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderAuthFailedError);
    await expect(
      client.request({ method: 'GET', path: ['users'] }, createCallContext()),
    ).rejects.toMatchObject({
      code: 'provider_rejected_request',
      httpStatus: 403,
    });
  });

  it('scrubs the access token it sent from an error that echoes it, though nobody listed it as a secret', async () => {
    const accessToken = 'obtained-access-token-4e9a1c';
    const { client } = await clientFor(
      (request, response) =>
        sendJson(response, 400, { error: { message: `bad request with ${request.headers.authorization}` } }),
      { tokenProvider: createStaticTokenProvider(accessToken) },
    );
    const error = await client
      .request({ method: 'GET', path: ['users'] }, createCallContext())
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderApiCallError);
    const everything = [
      error.message,
      JSON.stringify(error.details),
      JSON.stringify(error.providerPayload),
    ].join('\n');
    expect(everything).toContain('[REDACTED]');
    expect(everything).not.toContain(accessToken);
  });

  it('secrets never appear in errors or logs (canary)', async () => {
    const canary = 'canary-s3cr3t-7f1b2c';
    const { client } = await clientFor(
      (request, response) =>
        sendJson(response, 503, {
          error: { message: `invalid key ${canary} in ${request.rawUrl}`, echoed: { [canary]: canary } },
        }),
      { secrets: [canary], tokenProvider: createStaticTokenProvider(canary) },
    );
    const context = createCallContext();
    const error = await client
      .request(
        { method: 'GET', path: ['users', canary], query: { apiKey: 'short', filter: canary } },
        context,
      )
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderApiCallError);
    const everything = [
      error.message,
      JSON.stringify(error),
      JSON.stringify(error.details),
      JSON.stringify(error.providerPayload),
      error.url,
      context.logger.text(),
      JSON.stringify(context.providerCalls),
    ].join('\n');
    expect(everything).toContain('[REDACTED]');
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain(encodeURIComponent(canary));
    // Query values under secret-looking names are dropped from what we log, even when not known secrets.
    expect(error.url).toContain('apiKey=REDACTED');
    expect(context.logger.text()).not.toContain('apiKey=short');
  });

  it('records the response headers of each call, without the ones that could carry secrets', async () => {
    const canary = 'canary-header-9d2e41';
    const { client } = await clientFor(
      (_request, response) =>
        sendJson(
          response,
          200,
          { value: [] },
          {
            'request-id': 'req-42',
            'x-ratelimit-remaining': '99',
            'set-cookie': 'session=abc123; HttpOnly',
            'x-api-key': 'key-from-provider',
            'x-session-token': 'provider-session',
            'www-authenticate': 'Bearer realm="provider"',
            'x-echo': `Bearer ${canary}`,
          },
        ),
      { secrets: [canary], tokenProvider: createStaticTokenProvider(canary) },
    );
    const context = createCallContext();
    await client.request({ method: 'GET', path: ['users'] }, context);
    const headers = context.providerCalls[0]?.responseHeaders;
    expect(headers).toMatchObject({
      'request-id': 'req-42',
      'x-ratelimit-remaining': '99',
      'content-type': 'application/json',
      'x-echo': 'Bearer [REDACTED]',
    });
    for (const name of ['set-cookie', 'x-api-key', 'x-session-token', 'www-authenticate']) {
      expect(headers).not.toHaveProperty(name);
    }
    expect(JSON.stringify(context.providerCalls)).not.toMatch(
      /abc123|key-from-provider|provider-session|canary/,
    );
  });

  it('refuses responses larger than maxResponseBytes and invalid or truncated JSON', async () => {
    const { client } = await clientFor(
      (request, response) => {
        if (request.url.pathname.endsWith('big')) return sendJson(response, 200, { data: 'x'.repeat(5000) });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"value": [1, 2');
      },
      { maxResponseBytes: 1000 },
    );
    await expect(
      client.request({ method: 'GET', path: ['big'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderInvalidResponseError);
    await expect(
      client.request({ method: 'POST', path: ['cut'] }, createCallContext()),
    ).rejects.toBeInstanceOf(ProviderInvalidResponseError);
  });

  it("stops when the caller's signal aborts, with the signal's reason", async () => {
    const { client } = await clientFor(() => undefined);
    const controller = new AbortController();
    const pending = client.request(
      { method: 'GET', path: ['users'] },
      createCallContext({ signal: controller.signal }),
    );
    const reason = new Error('caller went away');
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});

import type { CredentialStore } from '@unidir/core';
import { ProviderAuthFailedError } from '@unidir/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createClientCredentialsTokenProvider } from './client-credentials-token-provider.js';
import { createMemoryCredentialStore } from './memory-credential-store.js';
import { createProviderHttpClient } from './provider-http-client.js';
import { createCallContext } from './test-support/operation-context.js';
import { startTokenEndpointFake, type TokenEndpointFake } from './test-support/token-endpoint-fake.js';
import { tokenCacheKey } from './token-cache-key.js';

let fake: TokenEndpointFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Issues `token-1`, `token-2`, … valid for `expires_in` seconds. */
async function startIssuer(options: { delayMs?: number; expiresIn?: number } = {}) {
  let issued = 0;
  fake = await startTokenEndpointFake(
    () => {
      issued += 1;
      return {
        body: {
          access_token: `token-${issued}`,
          expires_in: options.expiresIn ?? 3600,
          token_type: 'Bearer',
        },
      };
    },
    { delayMs: options.delayMs },
  );
  return fake;
}

function providerFor(issuer: TokenEndpointFake, overrides: Record<string, unknown> = {}) {
  return createClientCredentialsTokenProvider({
    tokenUrl: issuer.tokenUrl,
    clientId: 'client-1',
    clientSecret: 'secret-value-1',
    scope: 'https://graph.microsoft.com/.default',
    cacheKey: 'tenant-1/client-1/graph',
    allowInsecure: true,
    ...overrides,
  });
}

describe('createClientCredentialsTokenProvider', () => {
  it('sends the client credentials grant and caches the token', async () => {
    const issuer = await startIssuer();
    const provider = providerFor(issuer);
    expect(await provider.getToken()).toBe('token-1');
    expect(await provider.getToken()).toBe('token-1');
    expect(issuer.forms).toEqual([
      {
        grant_type: 'client_credentials',
        client_id: 'client-1',
        client_secret: 'secret-value-1',
        scope: 'https://graph.microsoft.com/.default',
      },
    ]);
  });

  it('sends a client assertion instead of a secret for certificate auth', async () => {
    const issuer = await startIssuer();
    const provider = createClientCredentialsTokenProvider({
      tokenUrl: issuer.tokenUrl,
      clientId: 'client-1',
      clientAssertion: async () => 'signed.assertion.jwt',
      scope: 'api/.default',
      cacheKey: 'k',
      allowInsecure: true,
    });
    await provider.getToken();
    expect(issuer.forms[0]).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      scope: 'api/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'signed.assertion.jwt',
    });
  });

  it('T1: 100 concurrent calls on an expired token cause exactly one token-endpoint request', async () => {
    const issuer = await startIssuer({ delayMs: 50 });
    // A store whose lock excludes nothing: only the in-process single-flight can keep this to one request.
    const store = {
      ...createMemoryCredentialStore(),
      withLock: <T>(_key: string, task: () => Promise<T>) => task(),
    };
    const cacheKey = 'tenant-1/client-1/graph';
    await store.saveToken(cacheKey, { accessToken: 'expired-token', expiresAt: Date.now() - 1000 });
    const provider = providerFor(issuer, { credentialStore: store, cacheKey });
    const client = createProviderHttpClient({
      baseUrl: issuer.url,
      allowInsecure: true,
      tokenProvider: provider,
    });
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        client.request<{ authorization: string }>({ method: 'GET', path: ['users'] }, createCallContext()),
      ),
    );
    expect(issuer.forms).toHaveLength(1);
    expect(new Set(responses.map((response) => response.body.authorization))).toEqual(
      new Set(['Bearer token-1']),
    );
  });

  it('T2: two processes sharing a store (its lock and re-read) cause one token request', async () => {
    const issuer = await startIssuer({ delayMs: 50 });
    const shared = createMemoryCredentialStore();
    // Distinct store objects over one backing store stand for two processes: no in-process single-flight.
    const processStore = (): CredentialStore => ({
      loadToken: (key) => shared.loadToken(key),
      saveToken: (key, token) => shared.saveToken(key, token),
      loadCredentials: () => shared.loadCredentials(),
      saveCredentials: (credentials) => shared.saveCredentials(credentials),
      withLock: (key, task) => shared.withLock(key, task),
      markNeedsReauth: (reason) => shared.markNeedsReauth(reason),
    });
    const first = providerFor(issuer, { credentialStore: processStore() });
    const second = providerFor(issuer, { credentialStore: processStore() });
    const tokens = await Promise.all([
      first.getToken(),
      second.getToken(),
      first.getToken(),
      second.getToken(),
    ]);
    expect(issuer.forms).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
  });

  it('T3: refreshes when less than the margin (default 5 min) is left, not before', async () => {
    const issuer = await startIssuer({ expiresIn: 3600 });
    let now = 1_000_000;
    const provider = providerFor(issuer, { now: () => now });
    expect(await provider.getToken()).toBe('token-1');
    now += (3600 - 301) * 1000;
    expect(await provider.getToken()).toBe('token-1');
    now += 2000;
    expect(await provider.getToken()).toBe('token-2');
    expect(issuer.forms).toHaveLength(2);
  });

  it('T3: offers the cached token without a request only while getToken would answer it', async () => {
    const issuer = await startIssuer({ expiresIn: 3600 });
    let now = 1_000_000;
    const provider = providerFor(issuer, { now: () => now });
    expect(provider.cachedToken?.()).toBeUndefined();
    await provider.getToken();
    expect(provider.cachedToken?.()).toBe('token-1');
    now += (3600 - 299) * 1000;
    expect(provider.cachedToken?.()).toBeUndefined();
    expect(issuer.forms).toHaveLength(1);
  });

  it('T3: the refresh margin is configurable', async () => {
    const issuer = await startIssuer({ expiresIn: 3600 });
    let now = 1_000_000;
    const provider = providerFor(issuer, { now: () => now, refreshMarginMs: 60_000 });
    await provider.getToken();
    now += (3600 - 120) * 1000;
    expect(await provider.getToken()).toBe('token-1');
    now += 61_000;
    expect(await provider.getToken()).toBe('token-2');
  });

  it('T5: tokens are never shared between distinct tenants, clients, subjects or scopes', async () => {
    const issuer = await startIssuer();
    const store = createMemoryCredentialStore();
    const account = fc.record({
      tenant: fc.constantFrom('t1', 't2', 't3'),
      clientId: fc.constantFrom('c1', 'c2'),
      subject: fc.option(fc.constantFrom('admin@a.example', 'admin@b.example'), { nil: undefined }),
      scopes: fc.uniqueArray(fc.constantFrom('users.read', 'users.write', 'groups.read'), { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(account, account, async (left, right) => {
        const key = (value: typeof left) => tokenCacheKey(value);
        const sameAccount =
          left.tenant === right.tenant &&
          left.clientId === right.clientId &&
          left.subject === right.subject &&
          [...left.scopes].sort().join() === [...right.scopes].sort().join();
        expect(key(left) === key(right)).toBe(sameAccount);
        const leftToken = await providerFor(issuer, {
          credentialStore: store,
          cacheKey: key(left),
        }).getToken();
        const rightToken = await providerFor(issuer, {
          credentialStore: store,
          cacheKey: key(right),
        }).getToken();
        expect(leftToken === rightToken).toBe(sameAccount);
      }),
      { numRuns: 60 },
    );
  });

  it('maps invalid_client to ProviderAuthFailedError without leaking the secret, then cools down', async () => {
    const secret = 'canary-client-secret-9x8y';
    fake = await startTokenEndpointFake((form) => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret ${form.client_secret}`,
      },
    }));
    const provider = providerFor(fake, { clientSecret: secret });
    const error = await provider.getToken().catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderAuthFailedError);
    expect(error).toMatchObject({ code: 'provider_auth_failed', needsReauth: false });
    expect(error.message).toContain('invalid_client');
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(secret);
    await expect(provider.getToken()).rejects.toBe(error);
    expect(fake.forms).toHaveLength(1);
  });

  it('retries the token request on 5xx and 429, bounded', async () => {
    let calls = 0;
    fake = await startTokenEndpointFake(() => {
      calls += 1;
      if (calls === 1) return { status: 503, body: {} };
      if (calls === 2) return { status: 429, body: {}, headers: { 'retry-after': '0' } };
      return { body: { access_token: 'finally', expires_in: 3600 } };
    });
    expect(await providerFor(fake).getToken()).toBe('finally');
    expect(fake.forms).toHaveLength(3);
  });
});

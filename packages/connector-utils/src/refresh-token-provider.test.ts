import { ProviderAuthFailedError } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from './memory-credential-store.js';
import { createProviderHttpClient } from './provider-http-client.js';
import { createRefreshTokenProvider } from './refresh-token-provider.js';
import { sendJson, startLoopbackServer } from './test-support/loopback-server.js';
import { createCallContext } from './test-support/operation-context.js';
import { startTokenEndpointFake, type TokenEndpointFake } from './test-support/token-endpoint-fake.js';

let fake: TokenEndpointFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** An IdP that rotates refresh tokens and rejects reuse of a retired one, as strict IdPs do. */
async function startRotatingIdp(firstRefreshToken: string) {
  let valid = firstRefreshToken;
  let generation = 0;
  fake = await startTokenEndpointFake((form) => {
    if (form.refresh_token !== valid) {
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'refresh token already used' },
      };
    }
    generation += 1;
    valid = `refresh-${generation}`;
    return { body: { access_token: `access-${generation}`, refresh_token: valid, expires_in: 3600 } };
  });
  return fake;
}

function providerFor(
  idp: TokenEndpointFake,
  store: ReturnType<typeof createMemoryCredentialStore>,
  now = Date.now,
) {
  return createRefreshTokenProvider({
    tokenUrl: idp.tokenUrl,
    clientId: 'app',
    clientSecret: 'app-secret',
    cacheKey: 'account-1',
    credentialStore: store,
    allowInsecure: true,
    now,
  });
}

describe('createRefreshTokenProvider', () => {
  it('T6: the rotated refresh token is persisted before the new access token is first used', async () => {
    const idp = await startRotatingIdp('refresh-0');
    const store = createMemoryCredentialStore({ refresh_token: 'refresh-0', tenant: 'acme' });
    const events: string[] = [];
    const saveCredentials = store.saveCredentials;
    store.saveCredentials = async (credentials) => {
      events.push(`saved ${String(credentials.refresh_token)}`);
      await saveCredentials(credentials);
    };
    const client = createProviderHttpClient({
      baseUrl: idp.url,
      allowInsecure: true,
      tokenProvider: providerFor(idp, store),
    });
    const response = await client.request<{ authorization: string }>(
      { method: 'GET', path: ['me'] },
      createCallContext(),
    );
    events.push(`used ${response.body.authorization}`);
    expect(events).toEqual(['saved refresh-1', 'used Bearer access-1']);
    expect(await store.loadCredentials()).toEqual({ refresh_token: 'refresh-1', tenant: 'acme' });
    expect(idp.forms[0]).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-0',
      client_id: 'app',
    });
  });

  it('T6: when persisting the rotated token fails, the new access token is never used or cached', async () => {
    const idp = await startRotatingIdp('refresh-0');
    const store = createMemoryCredentialStore({ refresh_token: 'refresh-0' });
    store.saveCredentials = async () => {
      throw new Error('database unavailable');
    };
    const client = createProviderHttpClient({
      baseUrl: idp.url,
      allowInsecure: true,
      tokenProvider: providerFor(idp, store),
    });
    await expect(client.request({ method: 'GET', path: ['me'] }, createCallContext())).rejects.toThrow(
      'database unavailable',
    );
    expect(idp.requests.filter((request) => request.url.pathname === '/me')).toHaveLength(0);
    expect(await store.loadToken('account-1')).toBeUndefined();
  });

  it('T4: invalid_grant with unchanged stored credentials marks the account for re-auth, then cools down 30 s', async () => {
    const idp = await startRotatingIdp('some-other-token');
    const store = createMemoryCredentialStore({ refresh_token: 'revoked-token' });
    let now = 1_000_000;
    const provider = providerFor(idp, store, () => now);
    const error = await provider.getToken().catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderAuthFailedError);
    expect(error).toMatchObject({
      needsReauth: true,
      code: 'integrated_account_reauth_required',
      httpStatus: 401,
    });
    expect(store.needsReauthReason).toContain('invalid_grant');
    expect(error.message).not.toContain('revoked-token');
    expect(idp.forms).toHaveLength(1);

    now += 29_000;
    await expect(provider.getToken()).rejects.toMatchObject({ needsReauth: true });
    expect(idp.forms).toHaveLength(1);

    now += 2000;
    await expect(provider.getToken()).rejects.toMatchObject({ needsReauth: true });
    expect(idp.forms).toHaveLength(2);
  });

  it('T4: invalid_grant after another process rotated the token re-reads the store and uses the winner', async () => {
    const store = createMemoryCredentialStore({ refresh_token: 'refresh-0' });
    fake = await startTokenEndpointFake(async (form) => {
      if (form.refresh_token === 'refresh-0') {
        // Another process won the race: it rotated refresh-0 away and stored its result.
        await store.saveCredentials({ refresh_token: 'refresh-other' });
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      if (form.refresh_token === 'refresh-other') {
        return {
          body: { access_token: 'access-from-winner', refresh_token: 'refresh-next', expires_in: 3600 },
        };
      }
      return { status: 400, body: { error: 'invalid_grant' } };
    });
    const provider = providerFor(fake, store);
    expect(await provider.getToken()).toBe('access-from-winner');
    expect(store.needsReauthReason).toBeUndefined();
    expect(await store.loadCredentials()).toEqual({ refresh_token: 'refresh-next' });
  });

  it('without a stored refresh token, asks for re-auth without calling the endpoint', async () => {
    const idp = await startRotatingIdp('refresh-0');
    const store = createMemoryCredentialStore({});
    await expect(providerFor(idp, store).getToken()).rejects.toMatchObject({ needsReauth: true });
    expect(idp.forms).toHaveLength(0);
    expect(store.needsReauthReason).toBeDefined();
  });

  it('R7: a 401 from the API forces one refresh (with rotation) and replays with the new token', async () => {
    const idp = await startRotatingIdp('refresh-0');
    const store = createMemoryCredentialStore({ refresh_token: 'refresh-0' });
    const provider = providerFor(idp, store);
    expect(await provider.getToken()).toBe('access-1');
    // The provider revoked access-1 early (say, after a password change) although it has not expired.
    const api = await startLoopbackServer((request, response) =>
      request.headers.authorization === 'Bearer access-2'
        ? sendJson(response, 200, { ok: true })
        : sendJson(response, 401, { error: { message: 'token revoked' } }),
    );
    try {
      const client = createProviderHttpClient({
        baseUrl: api.url,
        allowInsecure: true,
        tokenProvider: provider,
      });
      const response = await client.request({ method: 'GET', path: ['me'] }, createCallContext());
      expect(response.status).toBe(200);
      expect(api.requests.map((request) => request.headers.authorization)).toEqual([
        'Bearer access-1',
        'Bearer access-2',
      ]);
      expect(idp.forms.map((form) => form.refresh_token)).toEqual(['refresh-0', 'refresh-1']);
      expect(await store.loadCredentials()).toEqual({ refresh_token: 'refresh-2' });
    } finally {
      await api.close();
    }
  });
});

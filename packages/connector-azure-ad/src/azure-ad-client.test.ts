import { createMemoryCredentialStore } from '@unidir/connector-utils';
import { createLoopbackClient } from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

function tokenForms(current: Harness): URLSearchParams[] {
  return current.fake.server.journal
    .forRoute('token')
    .map((entry) => new URLSearchParams(String(entry.body)));
}

describe('azure-ad auth', () => {
  it('client secret: one client_credentials token for many calls, scope .default', async () => {
    harness = await startHarness({ users: 3 });
    await harness.users.list!({}, harness.context());
    await harness.users.list!({}, harness.context());
    const forms = tokenForms(harness);
    expect(forms).toHaveLength(1);
    expect(Object.fromEntries(forms[0]!)).toMatchObject({
      grant_type: 'client_credentials',
      client_id: harness.fake.credentials.client_id,
      scope: 'https://graph.microsoft.com/.default',
    });
  });

  it('a wrong secret is ProviderAuthFailedError naming AADSTS7000215, never the secret', async () => {
    harness = await startHarness({ users: 3, clientSecret: 'the-real-secret-value' });
    const client = createLoopbackClient(
      harness.connector,
      {
        id: 'wrong',
        credentials: { ...harness.fake.credentials, client_secret: 'a-wrong-secret-value' },
        settings: harness.fake.settings,
      },
      { logger: harness.logger },
    );
    const error = await harness.users.list!({}, { ...harness.context(), client }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'provider_auth_failed', httpStatus: 401 });
    expect(error.message).toContain('AADSTS7000215');
    expect(JSON.stringify(error)).not.toContain('a-wrong-secret-value');
    expect(harness.logger.text()).not.toContain('a-wrong-secret-value');
    expect(harness.fake.server.journal.forRoute('users.list')).toHaveLength(0);
  });

  it('certificate: a signed client assertion (RS256, x5t, aud = token URL) instead of a secret', async () => {
    harness = await startHarness({ users: 3, auth: 'certificate' });
    const page = await harness.users.list!({}, harness.context());
    expect(page.records).toHaveLength(3);
    const [form] = tokenForms(harness);
    expect(form?.get('client_secret')).toBeNull();
    expect(form?.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const [header, claims] = form!
      .get('client_assertion')!
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', x5t: expect.any(String) });
    expect(claims).toMatchObject({
      aud: harness.fake.settings.token_url,
      iss: harness.fake.credentials.client_id,
      sub: harness.fake.credentials.client_id,
    });
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(600);
  });

  it('delegated: the refresh token rotates into the credential store; the old one is then refused', async () => {
    const fakeHarness = await startHarness({ users: 3, auth: 'delegated' });
    harness = fakeHarness;
    const original = fakeHarness.fake.credentials;
    const store = createMemoryCredentialStore(original);
    const client = createLoopbackClient(
      fakeHarness.connector,
      { id: 'delegated', credentials: original, settings: fakeHarness.fake.settings },
      { logger: fakeHarness.logger, credentialStore: store },
    );
    await fakeHarness.users.list!({}, { ...fakeHarness.context(), client });
    const rotated = await store.loadCredentials();
    expect(rotated.refresh_token).toEqual(expect.any(String));
    expect(rotated.refresh_token).not.toBe('refresh_token' in original ? original.refresh_token : undefined);
    expect(tokenForms(fakeHarness)[0]?.get('grant_type')).toBe('refresh_token');

    const staleStore = createMemoryCredentialStore(original);
    const stale = createLoopbackClient(
      fakeHarness.connector,
      { id: 'stale', credentials: original, settings: fakeHarness.fake.settings },
      { logger: fakeHarness.logger, credentialStore: staleStore },
    );
    await expect(
      fakeHarness.users.list!({}, { ...fakeHarness.context(), client: stale }),
    ).rejects.toMatchObject({
      code: 'integrated_account_reauth_required',
      needsReauth: true,
    });
    expect(staleStore.needsReauthReason).toEqual(expect.any(String));
  });

  it('a revoked access token (401 InvalidAuthenticationToken) is refreshed once and the call replayed', async () => {
    harness = await startHarness({ users: 3 });
    await harness.users.list!({}, harness.context());
    harness.fake.tokens.revokeAccessTokens();
    const page = await harness.users.list!({}, harness.context());
    expect(page.records).toHaveLength(3);
    expect(harness.fake.server.journal.forRoute('users.list').map((entry) => entry.status)).toEqual([
      200, 401, 200,
    ]);
    expect(tokenForms(harness)).toHaveLength(2);
  });

  it('a 429 with Retry-After is waited out, then the list succeeds', async () => {
    harness = await startHarness({ users: 3 });
    await harness.users.list!({}, harness.context());
    harness.fake.server.injectFault({
      route: 'users.list',
      nth: [1],
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
      },
    });
    const started = Date.now();
    const page = await harness.users.list!({}, harness.context());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(page.records).toHaveLength(3);
    expect(harness.fake.server.journal.forRoute('users.list').map((entry) => entry.status)).toEqual([
      200, 429, 200,
    ]);
  });
});

import { createMemoryCredentialStore, encodeCursor } from '@unidir/connector-utils';
import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, rejectionOf, startHarness } from './okta-test-harness.js';

describe('okta client: authentication and rate limits', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('sends the API token as SSWS and never a Bearer header', async () => {
    harness = await startHarness({ users: 3, apiToken: '00ssws-token-under-test' });
    await harness.users.list!({}, harness.context());
    const [entry] = harness.fake.server.journal.forRoute('users.list');
    expect(entry?.status).toBe(200);
    expect(entry?.headers.authorization).toBe('[redacted]');
  });

  it('answers a wrong API token with ProviderAuthFailedError (E0000011), without the token in the message', async () => {
    harness = await startHarness({ users: 3 });
    const { connector, fake } = harness;
    const client = createLoopbackClient(connector, {
      credentials: { api_token: '00wrong-token-value' },
      settings: fake.settings,
    });
    const error = await rejectionOf(connector.users!.list!({}, createOperationContext(client)));
    expect(error).toMatchObject({ code: 'provider_auth_failed', httpStatus: 401 });
    expect(error.message).toContain('E0000011: Invalid token provided');
    expect(error.message).not.toContain('00wrong-token-value');
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(1);
  });

  it('gets a service-app token with a private_key_jwt assertion once, and reuses it', async () => {
    harness = await startHarness({ users: 3, auth: 'private_key_jwt' });
    for (let call = 0; call < 3; call++) await harness.users.list!({}, harness.context());
    expect(harness.fake.tokens.issuedCount).toBe(1);
    const [tokenRequest] = harness.fake.server.journal.forRoute('token');
    const form = new URLSearchParams(tokenRequest!.body as string);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('scope')).toBe(
      'okta.users.read okta.users.manage okta.groups.read okta.groups.manage okta.roles.read okta.orgs.read',
    );
    const [header, claims] = form
      .get('client_assertion')!
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', kid: harness.fake.serviceApp.keyId });
    expect(claims).toMatchObject({
      iss: harness.fake.serviceApp.clientId,
      sub: harness.fake.serviceApp.clientId,
      aud: `${harness.fake.server.url}/oauth2/v1/token`,
    });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
  });

  it('shares one token among concurrent callers, and refreshes once after the token is revoked', async () => {
    harness = await startHarness(
      { users: 3, auth: 'private_key_jwt' },
      undefined,
      {},
      { credentialStore: createMemoryCredentialStore({}) },
    );
    await Promise.all(Array.from({ length: 5 }, () => harness!.users.list!({}, harness!.context())));
    expect(harness.fake.tokens.issuedCount).toBe(1);
    harness.fake.tokens.revokeAccessTokens();
    await harness.users.list!({}, harness.context());
    expect(harness.fake.tokens.issuedCount).toBe(2);
  });

  it('reports a token that lacks a scope (403 insufficient_scope, no body) as an auth failure naming it', async () => {
    harness = await startHarness({ users: 3, auth: 'private_key_jwt', grantedScopes: ['okta.users.read'] });
    const error = await rejectionOf(
      harness.connector.roles!.list!({ user_id: harness.seededUser(0).id }, harness.context()),
    );
    expect(error).toMatchObject({ code: 'provider_auth_failed' });
    expect(error.message).toContain('lacks a scope');
  });

  it('answers a get without roles when the token may not read them, but never skips the user_type guard', async () => {
    harness = await startHarness({ users: 3, auth: 'private_key_jwt', grantedScopes: ['okta.users.manage'] });
    const admin = harness.seededUser(0);
    const record = await harness.users.get!({ id: admin.id }, harness.context());
    expect(record.unified.id).toBe(admin.id);
    expect(record.unified.groups?.length).toBeGreaterThan(0);
    expect(record.unified.roles).toBeUndefined();
    expect(record.unified.user_type).toBeUndefined();
    await expect(
      harness.users.delete!({ id: admin.id, user_type: 'admin' }, harness.context()),
    ).rejects.toMatchObject({ code: 'provider_auth_failed' });
    expect(harness.fake.server.journal.forRoute('users.deactivate')).toEqual([]);
  });

  it('refuses a service app whose key Okta does not know (invalid_client)', async () => {
    harness = await startHarness({ users: 3, auth: 'private_key_jwt' });
    const other = await startHarness({ users: 1, auth: 'private_key_jwt' });
    try {
      const client = createLoopbackClient(harness.connector, {
        credentials: { ...harness.fake.credentials, private_key: other.fake.serviceApp.privateKeyPem },
        settings: harness.fake.settings,
      });
      await expect(harness.connector.users!.list!({}, createOperationContext(client))).rejects.toMatchObject({
        httpStatus: 401,
      });
      expect(harness.fake.server.journal.forRoute('users.list')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('waits for X-Rate-Limit-Reset when Okta throttles, then succeeds', async () => {
    harness = await startHarness({ users: 3, rateLimit: { limit: 1, windowSeconds: 1 } });
    await harness.users.list!({}, harness.context());
    const startedAt = Date.now();
    await harness.users.list!({}, harness.context());
    const statuses = harness.fake.server.journal.forRoute('users.list').map((entry) => entry.status);
    expect(statuses).toEqual([200, 429, 200]);
    expect(Date.now() - startedAt).toBeGreaterThan(100);
  });

  it('answers 429 with Retry-After when the reset is beyond the call budget', async () => {
    harness = await startHarness({ users: 3, rateLimit: { limit: 1, windowSeconds: 3600 } });
    await harness.users.list!({}, harness.context());
    const error = await rejectionOf(harness.users.list!({}, harness.context()));
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429 });
    expect((error as Error & { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
    expect(harness.fake.server.journal.forRoute('users.list').map((entry) => entry.status)).toEqual([
      200, 429,
    ]);
  });

  it('rejects a next link to another host than the org', async () => {
    harness = await startHarness({ users: 3 });
    await expect(
      harness.users.list!(
        {
          cursor: encodeCursor('okta', { list: 'users', next: 'https://attacker.test/api/v1/users?after=x' }),
        },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'disallowed_provider_host' });
  });
});

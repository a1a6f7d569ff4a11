import { randomUUID } from 'node:crypto';
import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const seededUsers = 30;

/**
 * The API as a client sees it, over real HTTP, against a loopback Microsoft Graph fake. Runs unchanged
 * against SQLite and PostgreSQL.
 */
export function defineApiSuite(createLeg: () => Promise<StorageLeg>): void {
  const canary = `canary-${randomUUID()}`;
  let leg: StorageLeg;
  let fake: AzureAdFake;
  /** A second tenant's directory whose app signs in with a delegated refresh token. */
  let delegated: AzureAdFake;
  let api: TestServer;
  let acmeToken: string;
  let globexToken: string;
  let accountId: string;

  const users = (query: Record<string, unknown> = {}, token = acmeToken) =>
    api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: accountId, ...query },
    });

  beforeAll(async () => {
    leg = await createLeg();
    fake = await startAzureAdFake({ users: seededUsers, clientSecret: canary });
    delegated = await startAzureAdFake({ users: 3, auth: 'delegated' });
    api = await startTestServer({
      ...leg.config,
      allowedProviderHosts: [fake, delegated].map((server) => ({
        hostname: '127.0.0.1',
        port: Number(new URL(server.server.url).port),
        allowHttp: true,
      })),
    });
    acmeToken = await api.createToken('acme');
    globexToken = await api.createToken('globex');
    const created = await api.call('POST', '/integrated-accounts', {
      token: acmeToken,
      body: {
        integration: 'azure-ad',
        label: 'Contoso',
        credentials: fake.credentials,
        settings: fake.settings,
      },
    });
    expect(created.status).toBe(201);
    accountId = created.body.id;
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await delegated?.close();
    await leg?.dispose();
  });

  describe('authentication', () => {
    it.each([
      ['no header', undefined],
      ['an empty bearer', 'Bearer '],
      ['a short bearer', 'Bearer abc'],
      ['an unknown token', `Bearer unidir_${'x'.repeat(43)}`],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ])('answers 401 unauthorized for %s', async (_case, header) => {
      const response = await api.call(
        'GET',
        '/integrated-accounts',
        header ? { headers: { authorization: header } } : {},
      );
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'unauthorized' });
    });

    it('serves /health without a token', async () => {
      const response = await api.call('GET', '/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', storage: leg.name, integrations: ['azure-ad'] });
    });
  });

  describe('integrated accounts', () => {
    it('answers 201 with the account and without its credentials', async () => {
      const created = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: { integration: 'azure-ad', credentials: fake.credentials, settings: fake.settings },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ integration: 'azure-ad', sandbox: false, status: 'active' });
      expect(typeof created.body.id).toBe('string');
      expect(Date.parse(created.body.created_at)).not.toBeNaN();
      expect(created.body).not.toHaveProperty('credentials');
      expect(created.text).not.toContain(canary);
      const fetched = await api.call('GET', `/integrated-accounts/${created.body.id}`, { token: acmeToken });
      expect(fetched.body).toEqual(created.body);
      const deleted = await api.call('DELETE', `/integrated-accounts/${created.body.id}`, {
        token: acmeToken,
      });
      expect(deleted.body).toEqual({ id: created.body.id, deleted: true });
      expect(
        (await api.call('GET', `/integrated-accounts/${created.body.id}`, { token: acmeToken })).status,
      ).toBe(404);
    });

    it('stores credentials encrypted', async () => {
      const account = await api.server.store.findAccount('acme', accountId);
      expect(account?.credentialsEncrypted).toBeTruthy();
      expect(account?.credentialsEncrypted).not.toContain(canary);
      expect(account?.credentialsEncrypted).not.toContain(fake.credentials.client_id);
    });

    it('lists accounts page by page', async () => {
      const label = `page-${randomUUID()}`;
      for (let index = 0; index < 3; index++) {
        await api.call('POST', '/integrated-accounts', {
          token: acmeToken,
          body: { integration: 'azure-ad', label, credentials: fake.credentials, settings: fake.settings },
        });
      }
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await api.call('GET', '/integrated-accounts', {
          token: acmeToken,
          query: { limit: 2, next_cursor: cursor },
        });
        expect(page.status).toBe(200);
        expect(page.body.result.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.result.map((account: { id: string }) => account.id));
        cursor = page.body.next_cursor ?? '';
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(accountId);
      expect(seen.length).toBeGreaterThanOrEqual(4);
    });

    it('refuses credentials the connector cannot use, naming the field but not echoing the value', async () => {
      const response = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: { integration: 'azure-ad', credentials: { client_secret: canary }, settings: fake.settings },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_credentials');
      expect(response.text).not.toContain(canary);
    });

    it('refuses an unknown integration, listing the loaded ones', async () => {
      const response = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: { integration: 'okta' },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'unknown_integration',
        details: { supported: ['azure-ad'] },
      });
    });

    it.each([
      ['a host the operator did not allow', 'https://attacker.example/v1.0'],
      ['loopback on another port', 'http://127.0.0.1:1/v1.0'],
      ['the metadata address', 'http://169.254.169.254/latest'],
      ['a decimal loopback address', 'http://2130706433/v1.0'],
      ['a localhost subdomain', 'https://foo.localhost/v1.0'],
      ['an allowed host over plain http', 'http://graph.microsoft.com/v1.0'],
      ['credentials in the URL', 'https://user:pass@graph.microsoft.com/v1.0'],
    ])('refuses base_url naming %s (400 disallowed_provider_host)', async (_case, baseUrl) => {
      const response = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: {
          integration: 'azure-ad',
          credentials: fake.credentials,
          settings: { ...fake.settings, base_url: baseUrl },
        },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('disallowed_provider_host');
    });

    it('accepts the provider own hosts over https', async () => {
      const response = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: {
          integration: 'azure-ad',
          credentials: fake.credentials,
          settings: {
            base_url: 'https://graph.microsoft.com/v1.0',
            token_url: `https://login.microsoftonline.com/${fake.tenantId}/oauth2/v2.0/token`,
          },
        },
      });
      expect(response.status).toBe(201);
      await api.call('DELETE', `/integrated-accounts/${response.body.id}`, { token: acmeToken });
    });

    it('refuses a disallowed token_url on update and keeps the stored settings', async () => {
      const response = await api.call('PATCH', `/integrated-accounts/${accountId}`, {
        token: acmeToken,
        body: { settings: { ...fake.settings, token_url: 'http://[::ffff:127.0.0.1]:9/token' } },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('disallowed_provider_host');
      const account = await api.call('GET', `/integrated-accounts/${accountId}`, { token: acmeToken });
      expect(account.body.settings).toEqual(fake.settings);
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 for another tenant's account on every route", async () => {
      const attempts = [
        api.call('GET', `/integrated-accounts/${accountId}`, { token: globexToken }),
        api.call('PATCH', `/integrated-accounts/${accountId}`, {
          token: globexToken,
          body: { label: 'mine now' },
        }),
        api.call('DELETE', `/integrated-accounts/${accountId}`, { token: globexToken }),
        users({}, globexToken),
        api.call('GET', '/unified/user-directory/users/some-id', {
          token: globexToken,
          query: { integrated_account_id: accountId },
        }),
        api.call('DELETE', '/unified/user-directory/users/some-id', {
          token: globexToken,
          query: { integrated_account_id: accountId },
        }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('not_found');
      }
      const list = await api.call('GET', '/integrated-accounts', { token: globexToken });
      expect(list.body.result).toEqual([]);
      const account = await api.call('GET', `/integrated-accounts/${accountId}`, { token: acmeToken });
      expect(account.body.label).toBe('Contoso');
    });

    it("never shows one tenant's audit entries to another", async () => {
      const audit = await api.call('GET', '/audit-log', { token: globexToken });
      const ownAttempts = audit.body.result.filter(
        (entry: { integrated_account_id: string }) => entry.integrated_account_id === accountId,
      );
      // globex's own failed attempts are logged for globex, and say they failed.
      for (const entry of ownAttempts) expect(entry.outcome).toBe('failed');
    });
  });

  describe('unified users', () => {
    it('lists every user exactly once across pages, starting from an empty next_cursor', async () => {
      const ids: string[] = [];
      let cursor = '';
      let pages = 0;
      do {
        const page = await users({ limit: 10, next_cursor: cursor });
        expect(page.status).toBe(200);
        expect(page.body).toEqual({
          result: expect.any(Array),
          next_cursor: page.body.next_cursor,
          prev_cursor: null,
          result_count: page.body.result.length,
        });
        ids.push(...page.body.result.map((user: { id: string }) => user.id));
        cursor = page.body.next_cursor ?? '';
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(ids).size).toBe(seededUsers);
    });

    it.each([
      ['indices', { truto_exclude_fields: ['remote_data', 'emails'] }, 'indices'],
      ['brackets', { truto_exclude_fields: ['remote_data', 'emails'] }, 'brackets'],
    ])('parses truto_exclude_fields written by qs with %s', async (_case, query, arrayFormat) => {
      const { default: qs } = await import('qs');
      const rawQuery = qs.stringify(
        { integrated_account_id: accountId, limit: 2, ...query },
        { arrayFormat: arrayFormat as 'indices' | 'brackets' },
      );
      expect(rawQuery).toContain(arrayFormat === 'indices' ? '%5B0%5D' : '%5B%5D');
      const response = await api.call('GET', '/unified/user-directory/users', { token: acmeToken, rawQuery });
      expect(response.status).toBe(200);
      for (const user of response.body.result) {
        expect(user).toHaveProperty('id');
        expect(user).not.toHaveProperty('emails');
        expect(user).not.toHaveProperty('remote_data');
      }
    });

    it('answers each response format', async () => {
      const unified = await users({ limit: 2 });
      expect(unified.body.result[0]).toHaveProperty('remote_data');
      expect(unified.body.result[0].remote_data).toHaveProperty('userPrincipalName');

      const ignored = await users({ limit: 2, truto_ignore_remote_data: true });
      expect(ignored.body.result[0]).not.toHaveProperty('remote_data');
      expect(ignored.body.result[0].id).toBe(unified.body.result[0].id);

      const normalized = await users({ limit: 2, truto_response_format: 'normalized' });
      expect(normalized.status).toBe(200);
      expect(normalized.body.result[0].id).toBe(unified.body.result[0].id);

      const raw = await users({ limit: 2, truto_response_format: 'raw' });
      expect(raw.status).toBe(200);
      expect(raw.body.result[0]).toHaveProperty('userPrincipalName');
      expect(raw.body.result[0]).not.toHaveProperty('emails');

      const stream = await users({ limit: 7, truto_response_format: 'stream' });
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toContain('application/x-ndjson');
      const lines = stream.text.trimEnd().split('\n');
      const streamed = lines.map((line) => JSON.parse(line) as { id: string });
      expect(new Set(streamed.map((user) => user.id)).size).toBe(seededUsers);
    });

    it('passes remote_query through to the provider', async () => {
      const response = await users({ limit: 2, remote_query: { $count: 'true' } });
      expect(response.status).toBe(200);
      const last = fake.server.journal.forRoute('users.list').at(-1);
      expect(last?.query.$count).toBe('true');
    });

    it('refuses an unsupported parameter before any provider call', async () => {
      const before = fake.server.journal.entries.length;
      const response = await users({ favourite_colour: 'blue' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('unsupported_parameter');
      expect(fake.server.journal.entries.length).toBe(before);
    });

    it('requires integrated_account_id', async () => {
      const response = await api.call('GET', '/unified/user-directory/users', { token: acmeToken });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('integrated_account_id_required');
    });

    it('gets one user', async () => {
      const [first] = (await users({ limit: 1 })).body.result;
      const response = await api.call('GET', `/unified/user-directory/users/${first.id}`, {
        token: acmeToken,
        query: { integrated_account_id: accountId },
      });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(first.id);
    });
  });

  describe('deleting users', () => {
    const deleteUser = (
      id: string,
      query: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) =>
      api.call('DELETE', `/unified/user-directory/users/${id}`, {
        token: acmeToken,
        query: { integrated_account_id: accountId, ...query },
        headers,
      });
    const providerDeletes = () => fake.server.journal.entries.filter((entry) => entry.method === 'DELETE');
    const someUserIds = async (count: number) =>
      (await users({ limit: count })).body.result.map((user: { id: string }) => user.id) as string[];

    it('a dry run answers the planned calls and deletes nothing', async () => {
      const [id] = await someUserIds(1);
      const before = providerDeletes().length;
      const response = await deleteUser(id as string, { dry_run: true });
      expect(response.status).toBe(200);
      expect(response.body.dry_run).toBe(true);
      expect(response.body.provider_calls).toEqual(
        expect.arrayContaining([expect.objectContaining({ method: 'DELETE', outcome: 'planned' })]),
      );
      expect(providerDeletes().length).toBe(before);
      expect(
        (
          await api.call('GET', `/unified/user-directory/users/${id}`, {
            token: acmeToken,
            query: { integrated_account_id: accountId },
          })
        ).status,
      ).toBe(200);
    });

    it('refuses a delete option the connector cannot honour (emails[0][email] as qs writes it), deleting nothing', async () => {
      const [id] = await someUserIds(1);
      const before = providerDeletes().length;
      const response = await deleteUser(id as string, { emails: [{ email: 'someone@unidir.test' }] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'unsupported_parameter',
        details: { parameter: 'emails' },
      });
      expect(providerDeletes().length).toBe(before);
    });

    it('removes a user from a group with exactly one provider call, and the user stays', async () => {
      const [user] = (await users({ limit: 1 })).body.result as Array<{
        id: string;
        groups: Array<{ id: string }>;
      }>;
      const group = user?.groups[0]?.id as string;
      const before = providerDeletes().length;
      const response = await deleteUser(user?.id as string, { remove_from: 'group', remove_from_id: group });
      expect(response.status).toBe(200);
      expect(response.body.actions).toEqual([
        { action: 'remove_from_group', target: group, outcome: 'done' },
      ]);
      const calls = providerDeletes().slice(before);
      expect(calls.map((call) => decodeURIComponent(call.path))).toEqual([
        `/v1.0/groups/${group}/members/${user?.id}/$ref`,
      ]);
      const still = await api.call('GET', `/unified/user-directory/users/${user?.id}`, {
        token: acmeToken,
        query: { integrated_account_id: accountId },
      });
      expect(still.status).toBe(200);
    });

    it('deletes exactly once and replays the stored answer for the same Idempotency-Key', async () => {
      const [id] = await someUserIds(1);
      const key = randomUUID();
      const before = providerDeletes().length;
      const first = await deleteUser(id as string, {}, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      expect(first.body.id).toBe(id);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const replay = await deleteUser(id as string, {}, { 'idempotency-key': key });
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(providerDeletes().length).toBe(before + 1);
      const listed = await someUserIds(seededUsers);
      expect(listed).not.toContain(id);
    });

    it('answers 422 when a key is reused for a different request', async () => {
      const [first, second] = await someUserIds(2);
      const key = randomUUID();
      expect((await deleteUser(first as string, { dry_run: true }, { 'idempotency-key': key })).status).toBe(
        200,
      );
      const reused = await deleteUser(second as string, { dry_run: true }, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_mismatch');
    });

    it('answers 409 to a duplicate while the first request is in flight', async () => {
      const [id] = await someUserIds(1);
      const key = randomUUID();
      fake.server.injectFault({ route: 'users.delete', times: 1, fault: { kind: 'delay', ms: 700 } });
      const first = deleteUser(id as string, {}, { 'idempotency-key': key });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const duplicate = await deleteUser(id as string, {}, { 'idempotency-key': key });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('idempotency_key_in_use');
      expect((await first).status).toBe(200);
    });

    it('writes every mutating call to the audit log with its outcome and provider request ids', async () => {
      const [id] = await someUserIds(1);
      await deleteUser(id as string, { dry_run: true });
      await deleteUser(id as string);
      const audit = await api.call('GET', '/audit-log', {
        token: acmeToken,
        query: { integrated_account_id: accountId, limit: 2 },
      });
      expect(audit.status).toBe(200);
      const [latest, previous] = audit.body.result;
      expect(latest).toMatchObject({
        operation: 'users.delete',
        target_id: id,
        outcome: 'succeeded',
        status_code: 200,
      });
      // The Graph fake answers every call with a request-id header, as Graph does.
      expect(latest.provider_request_ids).toEqual([expect.any(String)]);
      expect(previous).toMatchObject({
        operation: 'users.delete',
        target_id: id,
        outcome: 'dry_run',
        options: { dry_run: 'true' },
      });
      expect(audit.body.next_cursor).toEqual(expect.any(String));
      const older = await api.call('GET', '/audit-log', {
        token: acmeToken,
        query: { limit: 2, next_cursor: audit.body.next_cursor },
      });
      expect(older.body.result.every((entry: { id: string }) => Number(entry.id) < Number(previous.id))).toBe(
        true,
      );
    });

    it('audits a call the provider rejected with its request id, and never the secret values sent', async () => {
      const [existing] = (await users({ limit: 1 })).body.result;
      const password = `${canary}-password`;
      const response = await api.call('POST', '/unified/user-directory/users', {
        token: acmeToken,
        query: { integrated_account_id: accountId },
        body: {
          name: 'Duplicate',
          username: existing.username,
          emails: [{ email: existing.username, is_primary: true }],
          password,
        },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('provider_rejected_request');
      const [entry] = (await api.call('GET', '/audit-log', { token: acmeToken, query: { limit: 1 } })).body
        .result;
      expect(entry).toMatchObject({
        operation: 'users.create',
        outcome: 'failed',
        error_code: 'provider_rejected_request',
      });
      expect(entry.provider_request_ids).toEqual([response.body.details.provider_request_id]);
      expect(JSON.stringify(entry)).not.toContain(password);
    });
  });

  describe('errors', () => {
    it('keeps a provider 429 a 429 with Retry-After', async () => {
      fake.server.injectFault({
        route: 'users.list',
        times: 1,
        fault: { kind: 'status', status: 429, headers: { 'retry-after': '120' } },
      });
      const response = await users({ limit: 1 });
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('120');
      expect(response.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'rate_limited',
      });
    });

    it('answers 502 provider_unavailable when the provider keeps failing', async () => {
      fake.server.injectFault({ route: 'users.list', times: 5, fault: { kind: 'status', status: 503 } });
      const response = await users({ limit: 1 });
      fake.server.clearFaults();
      expect(response.status).toBe(502);
      expect(response.body.code).toBe('provider_unavailable');
    });

    it('distinguishes the provider rejecting the credentials from our own 401', async () => {
      const wrongSecret = `${canary}-wrong`;
      const created = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: {
          integration: 'azure-ad',
          credentials: { ...fake.credentials, client_secret: wrongSecret },
          settings: fake.settings,
        },
      });
      const response = await api.call('GET', '/unified/user-directory/users', {
        token: acmeToken,
        query: { integrated_account_id: created.body.id },
      });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('provider_auth_failed');
      expect(response.text).not.toContain(wrongSecret);
    });

    it('marks an account whose grant was revoked, refuses calls without asking the provider, and recovers on new credentials', async () => {
      const created = await api.call('POST', '/integrated-accounts', {
        token: acmeToken,
        body: {
          integration: 'azure-ad',
          credentials: { ...delegated.credentials, refresh_token: `${canary}-revoked` },
          settings: delegated.settings,
        },
      });
      const list = () =>
        api.call('GET', '/unified/user-directory/users', {
          token: acmeToken,
          query: { integrated_account_id: created.body.id },
        });
      const first = await list();
      expect(first.status).toBe(401);
      expect(first.body.code).toBe('integrated_account_reauth_required');
      const account = await api.call('GET', `/integrated-accounts/${created.body.id}`, { token: acmeToken });
      expect(account.body.status).toBe('needs_reauth');
      const tokenRequests = delegated.server.journal.forRoute('token').length;
      const second = await list();
      expect(second.body.code).toBe('integrated_account_reauth_required');
      expect(delegated.server.journal.forRoute('token')).toHaveLength(tokenRequests);
      const reconnected = await api.call('PATCH', `/integrated-accounts/${created.body.id}`, {
        token: acmeToken,
        body: { credentials: delegated.credentials },
      });
      expect(reconnected.body.status).toBe('active');
      expect((await list()).body.result).toHaveLength(3);
    });

    it('answers unknown routes with the error envelope', async () => {
      const response = await api.call('GET', '/nothing-here', { token: acmeToken });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'route_not_found' });
    });

    it('answers invalid JSON with 400 invalid_json', async () => {
      const { request } = await import('undici');
      const response = await request(`${api.url}/integrated-accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${acmeToken}`, 'content-type': 'application/json' },
        body: '{"integration":',
      });
      expect(response.statusCode).toBe(400);
      expect(await response.body.json()).toMatchObject({ code: 'invalid_json' });
    });
  });

  describe('secrets', () => {
    it('never writes a credential into a response or a log line', () => {
      expect(api.logs.length).toBeGreaterThan(10);
      expect(api.responses.length).toBeGreaterThan(10);
      for (const line of api.logs) expect(line).not.toContain(canary);
      for (const body of api.responses) expect(body).not.toContain(canary);
      for (const line of api.logs) expect(line).not.toContain(acmeToken);
    });
  });

  it('answers only what the OpenAPI document describes', () => {
    expect(api.responseMismatches).toEqual([]);
  });
}

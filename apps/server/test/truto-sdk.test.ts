import { randomUUID } from 'node:crypto';
import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { supportedParameterNames } from '@unidir/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseChecker } from './support/openapi-response-check.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TrutoSdkRequests } from './support/truto-sdk-requests.js';

const checkResponse = createResponseChecker();

interface AccountView {
  id: string;
  integration: string;
  label: string | null;
  sandbox: boolean;
  status: string;
}

interface SchemaNode {
  properties: Record<string, SchemaNode>;
  required?: string[];
  description?: string;
  enum?: string[];
  items: SchemaNode;
}

interface MetaAnswer {
  resource: string;
  method: string;
  integration: string | null;
  query_schema: SchemaNode;
  request_body_schema: SchemaNode | null;
  response_schema: SchemaNode;
}

/** Truto's SDK surface beyond the unified routes, as its requests reach the server. */
describe("Truto's SDK requests", () => {
  let leg: StorageLeg;
  let fake: AzureAdFake;
  let api: TestServer;
  let sdk: TrutoSdkRequests;
  /** A base URL that ends in `/`, as people write them: the SDK then asks for `//...`. */
  let slashSdk: TrutoSdkRequests;
  let accountId: string;
  let token: string;
  const canary = `canary-${randomUUID()}`;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    fake = await startAzureAdFake({ users: 5, clientSecret: canary });
    api = await startTestServer({
      ...leg.config,
      connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
      allowedProviderHosts: [
        { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
      ],
    });
    token = await api.createToken('acme');
    const observe = (method: string, url: string, status: number, contentType: string, body: unknown) => {
      const mismatch = checkResponse(method, url, status, contentType, body);
      if (mismatch) api.responseMismatches.push(mismatch);
    };
    sdk = new TrutoSdkRequests(api.url, token, observe);
    slashSdk = new TrutoSdkRequests(`${api.url}/`, token, observe);
    const created = await api.call('POST', '/integrated-accounts', {
      token,
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
    await leg?.dispose();
  });

  describe('integratedAccount', () => {
    it('lists with the cursor loop, gets, updates and deletes at /integrated-account', async () => {
      const extra = await sdk.create<AccountView>('integrated-account', {
        integration: 'azure-ad',
        label: 'to delete',
        credentials: fake.credentials,
        settings: fake.settings,
      });
      const listed = await sdk.toArray<AccountView>('integrated-account', { limit: 1 });
      expect(listed.map((account) => account.id).sort()).toEqual([accountId, extra.id].sort());
      expect(await sdk.get<AccountView>('integrated-account', accountId)).toMatchObject({
        id: accountId,
        integration: 'azure-ad',
        label: 'Contoso',
      });
      expect(
        await sdk.update<AccountView>('integrated-account', extra.id, { label: 'renamed' }),
      ).toMatchObject({
        id: extra.id,
        label: 'renamed',
      });
      expect(await sdk.delete('integrated-account', extra.id)).toMatchObject({ id: extra.id });
      await expect(sdk.get('integrated-account', extra.id)).rejects.toMatchObject({ status: 404 });
    });

    it('refreshCredentials checks the credentials with one provider read and answers the account', async () => {
      const before = fake.server.journal.entries.length;
      const refreshed = await slashSdk.refreshCredentials<AccountView>(accountId);
      expect(refreshed).toMatchObject({ id: accountId, status: 'active' });
      expect(fake.server.journal.entries.length).toBeGreaterThan(before);
      await expect(slashSdk.refreshCredentials('no-such-account')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('sandboxIntegratedAccount', () => {
    it('creates, lists, gets and deletes sandbox accounts in Truto’s shape, and they serve unified calls', async () => {
      const created = await sdk.create<{ id: string; integrated_account: AccountView }>(
        'sandbox-integrated-account',
        { id: 'azure-ad', sandbox_users: 30 },
      );
      expect(created.integrated_account).toMatchObject({
        id: created.id,
        sandbox: true,
        integration: 'azure-ad',
      });
      const listed = await sdk.toArray<{ id: string }>('sandbox-integrated-account', { limit: 1 });
      expect(listed.map((account) => account.id)).toEqual([created.id]);
      expect(await sdk.get('sandbox-integrated-account', created.id)).toMatchObject({ id: created.id });
      await expect(sdk.get('sandbox-integrated-account', accountId)).rejects.toMatchObject({ status: 400 });

      const users = await sdk.toArray<{ id: string }>('unified/user-directory/users', {
        integrated_account_id: created.id,
        limit: 20,
      });
      expect(users).toHaveLength(30);

      expect(await sdk.delete('sandbox-integrated-account', created.id)).toMatchObject({ id: created.id });
      await expect(sdk.get('sandbox-integrated-account', created.id)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('integration', () => {
    it('lists the loaded integrations and gets one with its manifest', async () => {
      const integrations = await sdk.toArray<{ id: string }>('integration');
      expect(integrations.map((integration) => integration.id).sort()).toEqual([
        'azure-ad',
        'google-workspace',
      ]);
      const azure = await sdk.get<{ id: string; manifest: Record<string, unknown> }>(
        'integration',
        'azure-ad',
      );
      expect(azure.id).toBe('azure-ad');
      expect(azure.manifest).toHaveProperty('users');
      await expect(sdk.get('integration', 'okta')).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('unifiedApi.meta', () => {
    it('answers the core schemas of a method without an account', async () => {
      const meta = await sdk.meta<MetaAnswer>('user-directory', 'users', 'delete', {});
      expect(meta).toMatchObject({ resource: 'users', method: 'delete', integration: null });
      expect(Object.keys(meta.query_schema.properties)).toEqual(
        expect.arrayContaining(['remove_from', 'remove_from_id', 'permanent', 'emails', 'organization_id']),
      );
      expect(meta.request_body_schema).toBeNull();
      expect(meta.response_schema.required).toEqual(['id', 'actions']);
    });

    it("narrows the query to the account's integration, with its notes and required parameters", async () => {
      const meta = await sdk.meta<MetaAnswer>('user-directory', 'users', 'delete', {
        integrated_account_id: accountId,
      });
      const { azureAdManifest } = await import('@unidir/connector-azure-ad');
      const capability = azureAdManifest.users?.delete;
      if (!capability) throw new Error('azure-ad declares users.delete');
      expect(meta.integration).toBe('azure-ad');
      expect(Object.keys(meta.query_schema.properties).sort()).toEqual(
        supportedParameterNames('delete', capability).sort(),
      );
      expect(meta.query_schema.properties).not.toHaveProperty('organization_id');
      expect(meta.query_schema.properties.permanent?.description).toContain('deletedItems');
      expect(meta.query_schema.properties.product?.enum).toEqual(['azure_active_directory']);
    });

    it('describes a custom method body and a list response', async () => {
      const addUser = await sdk.meta<MetaAnswer>('user-directory', 'groups', 'add-user', {});
      expect(addUser.request_body_schema?.required).toEqual(['group_id', 'user_id']);
      expect(addUser.query_schema.properties).not.toHaveProperty('group_id');
      const list = await sdk.meta<MetaAnswer>('user-directory', 'users', 'list', {
        integrated_account_id: accountId,
      });
      expect(list.query_schema.properties).toHaveProperty('next_cursor');
      expect(list.response_schema.properties.result?.items.properties).toHaveProperty('emails');
    });

    it('answers 404 for an unknown method or resource and 405 for a method the integration lacks', async () => {
      await expect(sdk.meta('user-directory', 'users', 'downgrade', {})).rejects.toMatchObject({
        status: 404,
      });
      await expect(sdk.meta('user-directory', 'billing', 'list', {})).rejects.toMatchObject({ status: 404 });
      await expect(
        sdk.meta('user-directory', 'workspaces', 'list', { integrated_account_id: accountId }),
      ).rejects.toMatchObject({ status: 405 });
    });
  });

  describe('response formats', () => {
    it('stream: the SDK, which accepts only JSON, reads every page as one list document in one request', async () => {
      const sandbox = await sdk.create<{ id: string }>('sandbox-integrated-account', {
        id: 'azure-ad',
        sandbox_users: 250,
      });
      const before = sdk.requestedUrls.length;
      const users = await sdk.toArray<{ id: string }>('unified/user-directory/users', {
        integrated_account_id: sandbox.id,
        limit: 100,
        truto_response_format: 'stream',
      });
      expect(sdk.requestedUrls.length - before).toBe(1);
      expect(new Set(users.map((user) => user.id)).size).toBe(250);
      const ndjson = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: sandbox.id, limit: 100, truto_response_format: 'stream' },
      });
      expect(ndjson.headers['content-type']).toContain('application/x-ndjson');
      expect(ndjson.text.trim().split('\n')).toHaveLength(250);
      await sdk.delete('sandbox-integrated-account', sandbox.id);
    });

    it('debug and truto_key_by', async () => {
      const debug = await sdk.list<{ id: string }>('unified/user-directory/users', {
        integrated_account_id: accountId,
        truto_response_format: 'debug',
      });
      expect(debug).toMatchObject({
        result_count: 5,
        debug: {
          request_url: expect.stringContaining('/v1.0/users'),
          request_options: { method: 'GET' },
          next_cursor: null,
          result_count: 5,
        },
      });
      expect(JSON.stringify(debug)).not.toContain(canary);
      expect(JSON.stringify(debug)).not.toMatch(/bearer/i);
      const keyed = await sdk.request<{ result: Record<string, { id: string }> }>(
        `/unified/user-directory/users?integrated_account_id=${accountId}&truto_key_by=id`,
      );
      for (const [key, user] of Object.entries(keyed.result)) expect(user.id).toBe(key);
      expect(Object.keys(keyed.result)).toHaveLength(5);
    });
  });

  describe('proxyApi', () => {
    it('pages a declared raw resource with our cursor and answers the provider records untouched', async () => {
      const users = await sdk.toArray<Record<string, unknown>>('proxy/users', {
        integrated_account_id: accountId,
        limit: 2,
      });
      expect(users).toHaveLength(5);
      expect(users[0]).toHaveProperty('userPrincipalName');
      expect(users[0]).not.toHaveProperty('emails');
      const firstPageCall = fake.server.journal.forRoute('users.list').at(-3);
      expect(firstPageCall?.query.$top).toBe('2');
      const one = await sdk.get<Record<string, unknown>>('proxy/users', String(users[0]?.id), {
        integrated_account_id: accountId,
      });
      expect(one).toMatchObject({ id: users[0]?.id, userPrincipalName: users[0]?.userPrincipalName });
    });

    it('passes remote_query to the provider and refuses other parameters and cursors of another resource', async () => {
      const page = await sdk.list<Record<string, unknown>>('proxy/users', {
        integrated_account_id: accountId,
        limit: 1,
        remote_query: { $select: 'id,displayName' },
      });
      expect(Object.keys(page.result[0] ?? {}).sort()).toEqual(['displayName', 'id']);
      await expect(
        sdk.list('proxy/users', { integrated_account_id: accountId, truto_response_format: 'raw' }),
      ).rejects.toMatchObject({ status: 400 });
      await expect(
        sdk.list('proxy/users', { integrated_account_id: accountId, remote_query: { $top: '5' } }),
      ).rejects.toMatchObject({ status: 400 });
      const groups = await sdk.list('proxy/groups', { integrated_account_id: accountId, limit: 1 });
      expect(groups.next_cursor).toBeTruthy();
      await expect(
        sdk.list('proxy/users', { integrated_account_id: accountId, next_cursor: groups.next_cursor }),
      ).rejects.toMatchObject({ status: 400 });
    });

    it('pages Google Directory users on a sandbox account the same way', async () => {
      const sandbox = await sdk.create<{ id: string }>('sandbox-integrated-account', {
        id: 'google-workspace',
        sandbox_users: 7,
      });
      const users = await sdk.toArray<Record<string, unknown>>('proxy/users', {
        integrated_account_id: sandbox.id,
        limit: 3,
      });
      expect(users).toHaveLength(7);
      expect(users[0]).toHaveProperty('primaryEmail');
      const one = await sdk.get<Record<string, unknown>>('proxy/users', String(users[6]?.id), {
        integrated_account_id: sandbox.id,
      });
      expect(one.primaryEmail).toBe(users[6]?.primaryEmail);
      await sdk.delete('sandbox-integrated-account', sandbox.id);
    });

    it('serves only what the connector declares', async () => {
      await expect(
        sdk.list('proxy/directoryRoles', { integrated_account_id: accountId }),
      ).rejects.toMatchObject({
        status: 404,
      });
      await expect(sdk.list('proxy/..%2Fme', { integrated_account_id: accountId })).rejects.toMatchObject({
        status: 404,
      });
    });

    it("writes with the provider's own body through dry run, idempotency and the audit log, exactly once", async () => {
      const secret = `Pw-${randomUUID()}`;
      const someone = await sdk.list<{ userPrincipalName: string }>('proxy/users', {
        integrated_account_id: accountId,
        limit: 1,
      });
      const domain = someone.result[0]?.userPrincipalName.split('@')[1];
      const created = await sdk.create<{ id: string; displayName: string }>(
        'proxy/users',
        {
          accountEnabled: true,
          displayName: 'Proxy Person',
          mailNickname: 'proxy.person',
          userPrincipalName: `proxy.person@${domain}`,
          passwordProfile: { password: secret, forceChangePasswordNextSignIn: true },
        },
        { integrated_account_id: accountId },
      );
      expect(created).toMatchObject({ displayName: 'Proxy Person' });
      expect(
        await sdk.update(
          'proxy/users',
          created.id,
          { jobTitle: 'Tester' },
          { integrated_account_id: accountId },
        ),
      ).toEqual({
        id: created.id,
      });
      expect(
        await sdk.get<{ jobTitle: string }>('proxy/users', created.id, {
          integrated_account_id: accountId,
          remote_query: { $select: 'id,jobTitle' },
        }),
      ).toMatchObject({ jobTitle: 'Tester' });

      const deletes = () => fake.server.journal.forRoute('users.delete').length;
      const before = deletes();
      const planned = await sdk.delete('proxy/users', created.id, {
        integrated_account_id: accountId,
        dry_run: true,
      });
      expect(planned).toMatchObject({
        dry_run: true,
        provider_calls: [{ method: 'DELETE', outcome: 'planned' }],
        actions: [{ action: 'soft_delete', target: created.id, outcome: 'planned' }],
      });
      expect(deletes()).toBe(before);

      const key = `proxy-delete-${randomUUID()}`;
      const remove = () =>
        api.call('DELETE', `/proxy/users/${created.id}`, {
          token,
          query: { integrated_account_id: accountId },
          headers: { 'idempotency-key': key },
        });
      const first = await remove();
      expect(first.body).toEqual({
        id: created.id,
        actions: [{ action: 'soft_delete', target: created.id, outcome: 'done' }],
      });
      const replay = await remove();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(deletes()).toBe(before + 1);

      const audit = await api.call('GET', '/audit-log', {
        token,
        query: { integrated_account_id: accountId },
      });
      const operations = audit.body.result.map((entry: { operation: string }) => entry.operation);
      expect(operations).toEqual(
        expect.arrayContaining(['proxy/users.create', 'proxy/users.update', 'proxy/users.delete']),
      );
      expect(audit.text).not.toContain(secret);
    });
  });

  describe('errors', () => {
    it('name the integration and the account, and say which provider answered what to which call', async () => {
      fake.server.injectFault({ route: 'users.get', times: 5, fault: { kind: 'status', status: 500 } });
      const failure = await sdk
        .get('unified/user-directory/users', 'some-user', { integrated_account_id: accountId })
        .catch((error: { status: number; body: string }) => error);
      fake.server.clearFaults();
      expect(failure).toMatchObject({ status: 502 });
      const body = JSON.parse((failure as { body: string }).body);
      expect(body).toMatchObject({
        code: 'provider_unavailable',
        details: {
          integration: 'azure-ad',
          integrated_account_id: accountId,
          provider: 'Microsoft Entra ID (Azure AD)',
          provider_status: 500,
        },
      });
      expect(body.message).toMatch(/^Microsoft Entra ID \(Azure AD\) answered 500 to users\.get some-user: /);
    });

    it('name them on refusals made before any provider call too', async () => {
      const refused = await api.call('GET', '/unified/user-directory/users', {
        token,
        query: { integrated_account_id: accountId, organization_id: 'x' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toMatchObject({
        integration: 'azure-ad',
        integrated_account_id: accountId,
      });
      expect(refused.body.details).not.toHaveProperty('provider');
    });
  });

  it('tolerates the duplicate and trailing slashes of a base URL that ends in /', async () => {
    const page = await slashSdk.list<{ id: string }>('unified/user-directory/users/', {
      integrated_account_id: accountId,
    });
    expect(slashSdk.requestedUrls.at(-1)).toContain('//unified/user-directory/users/?');
    expect(page.result).toHaveLength(5);
  });

  it('answers only what the OpenAPI document describes', () => {
    expect(api.responseMismatches).toEqual([]);
  });
});

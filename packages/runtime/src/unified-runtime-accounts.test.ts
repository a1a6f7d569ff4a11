import { type ConnectorLogger, type CredentialStore, ProviderTimeoutError } from '@unidir/core';
import { createInMemoryDirectory, inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import { recordingAccount, silentLogger } from './test-support/recording-connector.js';
import { createRecordingHarness } from './test-support/runtime-harness.js';
import { defineUsersOnlyConnector } from './test-support/users-only-connector.js';
import { createUnifiedRuntime } from './unified-runtime.js';

function capturingLogger() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message?: string) =>
    lines.push({ level, fields, ...(message === undefined ? {} : { message }) });
  const logger: ConnectorLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

describe('in-process use with the example connector', () => {
  it('lists, reads, creates and deletes in an in-memory directory', async () => {
    const directory = createInMemoryDirectory(3);
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([inMemoryConnector]),
      logger: silentLogger,
    });
    const account = { id: 'memory-1', integration: 'in-memory', credentials: { directory }, settings: {} };
    const list = await runtime.execute({ account, resource: 'users', method: 'list', query: { limit: '2' } });
    expect(list.kind === 'json' && list.body).toMatchObject({ result_count: 2, prev_cursor: null });
    const created = await runtime.execute({
      account,
      resource: 'users',
      method: 'create',
      query: { truto_ignore_remote_data: 'true' },
      body: { name: 'Ada', emails: [{ email: 'ada@example.test' }] },
    });
    expect(created).toMatchObject({
      kind: 'json',
      status: 201,
      body: { id: 'user-4', name: 'Ada', status: 'active' },
    });
    const deleted = await runtime.execute({
      account,
      resource: 'users',
      method: 'delete',
      id: 'user-000001',
      query: { truto_exclude_fields: ['remote_data'] },
    });
    expect(deleted.kind === 'json' && deleted.body).toEqual({
      id: 'user-000001',
      name: 'User 1',
      emails: [{ email: 'user1@example.test', is_primary: true, type: 'work' }],
      status: 'active',
      actions: [{ action: 'permanent_delete', target: 'user-000001', outcome: 'done' }],
    });
    expect(directory.users.has('user-000001')).toBe(false);
  });
});

describe('integrated accounts', () => {
  it('refuses an account whose integration is not loaded', async () => {
    const harness = createRecordingHarness();
    const error = await harness.runtime
      .execute({
        account: { ...recordingAccount, integration: 'okta' },
        resource: 'users',
        method: 'list',
        query: {},
      })
      .catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'integration_not_loaded', httpStatus: 404 });
    expect((error as Error).message).toBe('No connector "okta" is loaded. Loaded: recording.');
  });

  it('validates credentials and settings with the connector schemas without echoing them', async () => {
    const harness = createRecordingHarness();
    const secret = 'sk_live_short';
    const credentials = await harness.refusal('list', 'users', '', {
      account: { ...recordingAccount, credentials: { api_key: secret } },
    });
    expect(credentials.code).toBe('invalid_account_credentials');
    expect(credentials.httpStatus).toBe(400);
    expect(credentials.message).toMatch(
      /credentials do not match what the recording connector expects: api_key: /,
    );
    expect(JSON.stringify({ message: credentials.message, details: credentials.details })).not.toContain(
      secret,
    );
    const settings = await harness.refusal('list', 'users', '', {
      account: { ...recordingAccount, id: 'account-2', settings: { base_url: 'not a url' } },
    });
    expect(settings.code).toBe('invalid_account_settings');
    expect(settings.details?.issues).toEqual([expect.objectContaining({ path: 'base_url' })]);
    expect(harness.provider.clientsBuilt).toEqual([]);
    expect(harness.provider.operationCalls).toEqual([]);
  });

  it('builds one client per account and version, with the environment the host configured', async () => {
    const stores: CredentialStore[] = [];
    const dispatcher = { name: 'egress-guarded dispatcher' };
    const { logger, lines } = capturingLogger();
    const harness = createRecordingHarness({
      dispatcher,
      logger,
      credentialStoreFor: (account) => {
        const store = { account: account.id } as unknown as CredentialStore;
        stores.push(store);
        return store;
      },
    });
    await harness.json('list', 'users');
    await harness.json('get', 'users', '', { id: 'u1' });
    expect(harness.provider.clientsBuilt).toHaveLength(1);
    const [built] = harness.provider.clientsBuilt;
    expect(built).toMatchObject({
      accountId: 'account-1',
      credentials: recordingAccount.credentials,
      settings: recordingAccount.settings,
      environment: { dispatcher, credentialStore: stores[0], allowInsecureProviderUrls: false },
    });
    built?.environment.logger.info({ step: 'token' }, 'from the connector');
    expect(lines.at(-1)).toEqual({
      level: 'info',
      fields: { integration: 'recording', integrated_account_id: 'account-1', step: 'token' },
      message: 'from the connector',
    });

    await harness.json('list', 'users', '', {
      account: { ...recordingAccount, version: 2, allowInsecureProviderUrls: true },
    });
    await harness.json('list', 'users', '', { account: { ...recordingAccount, version: 2 } });
    expect(harness.provider.clientsBuilt).toHaveLength(2);
    expect(harness.provider.clientsBuilt[1]?.environment.allowInsecureProviderUrls).toBe(true);
    await harness.json('list', 'users', '', { account: { ...recordingAccount, id: 'account-2' } });
    expect(harness.provider.clientsBuilt.map((client) => client.accountId)).toEqual([
      'account-1',
      'account-1',
      'account-2',
    ]);
  });

  it('keeps at most maxCachedClients clients, dropping the least recently used', async () => {
    const harness = createRecordingHarness({ maxCachedClients: 2 });
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b']) {
      await harness.json('list', 'users', '', { account: { ...recordingAccount, id } });
    }
    expect(harness.provider.clientsBuilt.map((client) => client.accountId)).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('operation context', () => {
  it('gives the connector a deadline of now + the time budget, a live signal and a fresh call journal', async () => {
    const harness = createRecordingHarness({ timeBudgetMs: 5_000 });
    const before = Date.now();
    await harness.json('list', 'users');
    const after = Date.now();
    const context = harness.provider.operationCalls[0]?.context;
    expect(context?.deadline).toBeGreaterThanOrEqual(before + 5_000);
    expect(context?.deadline).toBeLessThanOrEqual(after + 5_000);
    expect(context).toMatchObject({
      accountId: 'account-1',
      dryRun: false,
      remoteQuery: {},
      client: { accountId: 'account-1' },
    });
    expect(context?.signal.aborted).toBe(false);
  });

  function hangingRuntime(timeBudgetMs: number) {
    const signals: AbortSignal[] = [];
    const connector = defineUsersOnlyConnector({
      id: 'hanging',
      displayName: 'Never answers',
      client: {},
      users: {
        get: (_parameters, context) => {
          signals.push(context.signal);
          return new Promise(() => {});
        },
      },
    });
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([connector]),
      logger: silentLogger,
      timeBudgetMs,
    });
    const account = { id: 'hanging-1', integration: 'hanging', credentials: {}, settings: {} };
    return {
      signals,
      execute: (signal?: AbortSignal, bindAbort?: (abort: () => void) => void) =>
        runtime.execute({
          account,
          resource: 'users',
          method: 'get',
          id: 'x',
          query: {},
          ...(signal ? { signal } : {}),
          ...(bindAbort ? { bindAbort } : {}),
        }),
    };
  }

  it('answers provider_timeout when the connector outlives the time budget, and aborts its signal', async () => {
    const hanging = hangingRuntime(30);
    const error = await hanging.execute().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as ProviderTimeoutError).httpStatus).toBe(504);
    expect(hanging.signals[0]?.aborted).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const hanging = hangingRuntime(60_000);
    const caller = new AbortController();
    const pending = hanging.execute(caller.signal).catch((reason: unknown) => reason);
    await new Promise((resolve) => setImmediate(resolve));
    caller.abort(new Error('client went away'));
    expect(await pending).toEqual(new Error('client went away'));
    expect(hanging.signals[0]?.aborted).toBe(true);
  });

  it('stops when the host calls the abort it was given, through the one signal the connector sees', async () => {
    const hanging = hangingRuntime(60_000);
    let abortCall: (() => void) | undefined;
    const pending = hanging.execute(undefined, (abort) => {
      abortCall = abort;
    });
    await new Promise((resolve) => setImmediate(resolve));
    abortCall?.();
    const error = await pending.catch((reason: unknown) => reason);
    expect((error as Error).name).toBe('AbortError');
    expect(hanging.signals[0]?.aborted).toBe(true);
  });

  it('ignores an abort that arrives after the answer', async () => {
    const directory = createInMemoryDirectory(1);
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([inMemoryConnector]),
      logger: silentLogger,
    });
    let abortCall: (() => void) | undefined;
    const answer = await runtime.execute({
      account: { id: 'memory-1', integration: 'in-memory', credentials: { directory }, settings: {} },
      resource: 'users',
      method: 'list',
      query: {},
      bindAbort: (abort) => {
        abortCall = abort;
      },
    });
    expect(() => abortCall?.()).not.toThrow();
    expect(answer).toMatchObject({ kind: 'json', status: 200 });
  });
});

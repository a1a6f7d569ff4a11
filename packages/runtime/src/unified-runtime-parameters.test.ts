import { UnsupportedOperationError, UnsupportedParameterError, ValidationError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { recordingAccount } from './test-support/recording-connector.js';
import { createRecordingHarness } from './test-support/runtime-harness.js';

/** Asserts the provider saw nothing and no operation ran: refusals happen before any provider call. */
function expectUntouched(harness: ReturnType<typeof createRecordingHarness>) {
  expect(harness.provider.operationCalls).toEqual([]);
  expect(harness.provider.received).toEqual([]);
}

describe('parameters the SDK sends', () => {
  it('parses and passes every qs shape to the connector', async () => {
    const harness = createRecordingHarness();
    await harness.json(
      'list',
      'users',
      'integrated_account_id=62f44730&truto_exclude_fields[0]=id&truto_exclude_fields[]=name&remote_query[foo]=bar' +
        '&created_at[gte]=2026-01-01T00:00:00.000Z&limit=3&next_cursor=',
    );
    const [call] = harness.provider.operationCalls;
    expect(call?.parameters).toEqual({
      limit: 3,
      created_at: { gte: '2026-01-01T00:00:00.000Z' },
      remote_query: { foo: 'bar' },
    });
    expect(call?.context.remoteQuery).toEqual({ foo: 'bar' });
    expect(harness.provider.received).toEqual([{ method: 'GET', path: '/users?foo=bar' }]);
  });

  it('passes emails[0][email] to delete as a list of emails', async () => {
    const harness = createRecordingHarness();
    await harness.json(
      'delete',
      'users',
      'emails[0][email]=person1%40corp.example&emails[0][type]=work&emails[0][is_primary]=true',
      { id: 'u1' },
    );
    expect(harness.provider.operationCalls[0]?.parameters).toMatchObject({
      id: 'u1',
      emails: [{ email: 'person1@corp.example', type: 'work', is_primary: true }],
    });
  });

  it('maps next_cursor to the connector cursor, accepts `cursor` too, and refuses both at once', async () => {
    const harness = createRecordingHarness();
    await harness.json('list', 'users', 'next_cursor=offset%3A2');
    await harness.json('list', 'users', 'cursor=offset%3A4');
    expect(
      harness.provider.operationCalls.map((call) => (call.parameters as { cursor?: string }).cursor),
    ).toEqual(['offset:2', 'offset:4']);
    const error = await harness.refusal('list', 'users', 'next_cursor=offset%3A2&cursor=offset%3A4');
    expect(error.code).toBe('conflicting_parameters');
  });

  it('drops limit under truto_ignore_limit', async () => {
    const harness = createRecordingHarness();
    await harness.json('list', 'users', 'limit=1&truto_ignore_limit=true');
    expect(harness.provider.operationCalls[0]?.parameters).toEqual({});
  });

  it('accepts the unprefixed aliases and refuses a parameter given under both names', async () => {
    const harness = createRecordingHarness();
    const response = await harness.json('get', 'users', 'response_format=raw&exclude_fields[]=mail', {
      id: 'u1',
    });
    expect(response.body).not.toHaveProperty('mail');
    expect(response.body).toHaveProperty('userId', 'u1');
    const error = await harness.refusal('get', 'users', 'response_format=raw&truto_response_format=unified', {
      id: 'u1',
    });
    expect(error.code).toBe('conflicting_parameters');
    expect(error.message).toBe('Give either "response_format" or "truto_response_format", not both.');
  });
});

describe('refusals before any provider call', () => {
  it('refuses a parameter the connector does not declare, listing what is supported', async () => {
    const harness = createRecordingHarness();
    const error = await harness.refusal('list', 'users', 'group_id=g1');
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect(error.httpStatus).toBe(400);
    expect(error.details).toEqual({
      parameter: 'group_id',
      supported: [
        'limit',
        'cursor',
        'remote_query',
        'email',
        'status',
        'created_at',
        'include_deleted',
        'truto_response_format',
        'truto_ignore_remote_data',
        'truto_exclude_fields',
        'next_cursor',
        'truto_ignore_limit',
        'truto_key_by',
      ],
      reason: undefined,
      integration: 'recording',
      integrated_account_id: 'account-1',
    });
    expect(error.message).toMatch(
      /^The recording connector does not support the parameter "group_id" on users.list\./,
    );
    expectUntouched(harness);
  });

  it('refuses Truto parameters unidir does not implement', async () => {
    const harness = createRecordingHarness();
    for (const parameter of ['truto_super_query=wnam', 'truto_skip_api_call=true']) {
      expect((await harness.refusal('list', 'users', parameter)).code).toBe('unsupported_parameter');
    }
    expectUntouched(harness);
  });

  it('refuses an enum value outside the manifest values, naming the supported ones', async () => {
    const harness = createRecordingHarness();
    const product = await harness.refusal('delete', 'users', 'product=workspace', { id: 'u1' });
    expect(product).toBeInstanceOf(UnsupportedParameterError);
    expect(product.message).toBe(
      'The recording connector does not support product=workspace on users.delete. Supported values: azure_active_directory.',
    );
    expect(product.details).toMatchObject({ parameter: 'product', supported: ['azure_active_directory'] });
    const removeFrom = await harness.refusal(
      'delete',
      'users',
      'remove_from=organization&remove_from_id=o1',
      {
        id: 'u1',
      },
    );
    expect(removeFrom.code).toBe('unsupported_parameter');
    // The manifest's notes travel with the refusal: they say why.
    expect(removeFrom.message).toMatch(/Supported values: group\. Only groups have members here\.$/);
    expect((await harness.refusal('list', 'users', 'status=deleted')).code).toBe('unsupported_parameter');
    expectUntouched(harness);
  });

  it('refuses malformed values with the zod issues in details', async () => {
    const harness = createRecordingHarness();
    const limit = await harness.refusal('list', 'users', 'limit=lots');
    expect(limit).toBeInstanceOf(ValidationError);
    expect(limit.code).toBe('validation_failed');
    expect(limit.details?.issues).toEqual([expect.objectContaining({ path: 'limit', code: 'invalid_type' })]);
    const date = await harness.refusal('list', 'users', 'created_at[gte]=yesterday');
    expect(date.details?.issues).toEqual([expect.objectContaining({ path: 'created_at.gte' })]);
    expect((await harness.refusal('list', 'users', 'created_at[eq]=2026-01-01T00:00:00.000Z')).code).toBe(
      'validation_failed',
    );
    expect((await harness.refusal('list', 'users', 'limit=5000')).code).toBe('validation_failed');
    expect((await harness.refusal('delete', 'users', 'permanent=maybe', { id: 'u1' })).code).toBe(
      'validation_failed',
    );
    expect(
      (await harness.refusal('delete', 'users', 'emails[0][type]=work', { id: 'u1' })).details?.issues,
    ).toEqual([expect.objectContaining({ path: 'emails.0.email' })]);
    expect((await harness.refusal('list', 'users', 'remote_query[a][b]=c')).code).toBe('validation_failed');
    expectUntouched(harness);
  });

  it('refuses a missing id on get, update and delete', async () => {
    const harness = createRecordingHarness();
    const get = await harness.refusal('get', 'users');
    expect(get.code).toBe('validation_failed');
    expect(get.details?.issues).toEqual([expect.objectContaining({ path: 'id' })]);
    // A delete may name the user by emails[] instead; with neither, it asks for one of them.
    const deletion = await harness.refusal('delete', 'users');
    expect(deletion.code).toBe('missing_parameter');
    expect(deletion.details).toEqual({
      parameter: 'id',
      integration: 'recording',
      integrated_account_id: 'account-1',
    });
    expectUntouched(harness);
  });

  it('refuses a create without a body field the manifest requires, and fields that are not writable', async () => {
    const harness = createRecordingHarness();
    const missing = await harness.refusal('create', 'users', '', { body: { name: 'Ada' } });
    expect(missing.code).toBe('missing_parameter');
    expect(missing.details).toEqual({
      parameter: 'emails',
      integration: 'recording',
      integrated_account_id: 'account-1',
    });
    const typo = await harness.refusal('update', 'users', '', { id: 'u1', body: { frist_name: 'Ada' } });
    expect(typo.code).toBe('unsupported_parameter');
    expect(typo.message).toMatch(
      /^"frist_name" is not a writable field of users\. Writable: external_id, identifiers, /,
    );
    const readOnly = await harness.refusal('update', 'users', '', {
      id: 'u1',
      body: { created_at: '2026-01-01T00:00:00.000Z' },
    });
    expect(readOnly.details).toMatchObject({ parameter: 'created_at' });
    expect((await harness.refusal('create', 'users', '')).code).toBe('validation_failed');
    expectUntouched(harness);
  });

  it('passes writable fields the manifest does not list (declaring a body field marks it, it does not restrict)', async () => {
    const harness = createRecordingHarness();
    await harness.json('create', 'users', '', {
      body: {
        name: 'Ada',
        emails: [{ email: 'ada@corp.example' }],
        title: 'CTO',
        remote_data: { costCenter: '42' },
      },
    });
    expect(harness.provider.operationCalls[0]?.parameters).toEqual({
      body: {
        name: 'Ada',
        emails: [{ email: 'ada@corp.example' }],
        title: 'CTO',
        remote_data: { costCenter: '42' },
      },
    });
  });

  it('never echoes a refused password', async () => {
    const harness = createRecordingHarness();
    const error = await harness.refusal('create', 'users', '', {
      body: { name: 'Ada', emails: [{ email: 'not-checked' }], password: 12345678901234 },
    });
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      '12345678901234',
    );
  });

  it('refuses a body on operations that take none', async () => {
    const harness = createRecordingHarness();
    const error = await harness.refusal('delete', 'users', '', { id: 'u1', body: { permanent: true } });
    expect(error.details).toMatchObject({ parameter: 'body' });
    await harness.json('delete', 'users', '', { id: 'u1', body: {} });
  });

  it('accepts dry_run only on mutations', async () => {
    const harness = createRecordingHarness();
    for (const method of ['list', 'get'] as const) {
      const error = await harness.refusal(method, 'users', 'dry_run=true', { id: 'u1' });
      expect(error.code).toBe('unsupported_parameter');
      expect(error.httpStatus).toBe(400);
      expect(error.message).toMatch(/it applies to create, update, delete, add-user, remove-user only/);
    }
    expect((await harness.refusal('delete', 'users', 'dry_run=perhaps', { id: 'u1' })).code).toBe(
      'validation_failed',
    );
    expectUntouched(harness);
  });

  it('refuses unknown response formats and stream outside lists', async () => {
    const harness = createRecordingHarness();
    const xml = await harness.refusal('list', 'users', 'truto_response_format=xml');
    expect(xml.message).toBe(
      'truto_response_format=xml is not supported on list. Supported: unified, raw, normalized, stream, debug.',
    );
    const stream = await harness.refusal('get', 'users', 'truto_response_format=stream', { id: 'u1' });
    expect(stream.details).toMatchObject({ supported: ['unified', 'raw', 'normalized', 'debug'] });
    expect((await harness.refusal('list', 'users', 'truto_response_format[]=raw')).code).toBe(
      'validation_failed',
    );
    expectUntouched(harness);
  });

  it('refuses prototype keys in a query or body object given in-process', async () => {
    const harness = createRecordingHarness();
    const query = JSON.parse('{"remote_query": {"__proto__": {"x": "1"}}}');
    const error = await harness.runtime
      .execute({ account: recordingAccount, method: 'list', resource: 'users', query })
      .catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'invalid_query' });
    const body = JSON.parse('{"name": "x", "constructor": {"prototype": {}}}');
    expect((await harness.refusal('update', 'users', '', { id: 'u1', body })).code).toBe('invalid_query');
    let deep: unknown = 'bottom';
    for (let level = 0; level < 10_000; level++) deep = { remote_data: deep };
    const tooDeep = await harness.refusal('update', 'users', '', { id: 'u1', body: deep });
    expect(tooDeep.message).toBe('The query or body is nested more than 32 levels deep.');
    expectUntouched(harness);
  });

  it('refuses operations the connector does not implement with 405', async () => {
    const harness = createRecordingHarness();
    for (const [method, resource] of [
      ['create', 'groups'],
      ['list', 'organizations'],
      ['list', 'teams'],
      ['delete', 'groups'],
    ] as const) {
      const error = await harness.refusal(method, resource, '', { id: 'g1' });
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect(error.httpStatus).toBe(405);
      expect(error.message).toBe(`The recording connector does not support ${resource}.${method}.`);
    }
    expectUntouched(harness);
  });
});

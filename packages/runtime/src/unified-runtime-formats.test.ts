import { unifiedUserFields } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { createRecordingHarness } from './test-support/runtime-harness.js';

const person1Raw = {
  userId: 'u1',
  displayName: 'Person 1',
  givenName: 'Given1',
  mail: 'person1@corp.example',
  accountEnabled: true,
  createdDateTime: '2026-01-01T00:00:00.000Z',
};

const person1Unified = {
  id: 'u1',
  name: 'Person 1',
  first_name: 'Given1',
  emails: [{ email: 'person1@corp.example', is_primary: true }],
  status: 'active',
  created_at: '2026-01-01T00:00:00.000Z',
};

describe('list envelope', () => {
  it('answers { result, next_cursor, prev_cursor, result_count } and ends with a null cursor', async () => {
    const harness = createRecordingHarness();
    const first = await harness.json('list', 'users', 'limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ next_cursor: 'offset:2', prev_cursor: null, result_count: 2 });
    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await harness.json('list', 'users', `limit=2&next_cursor=${encodeURIComponent(cursor)}`);
      const body = page.body as {
        result: Array<{ id: string }>;
        next_cursor: string | null;
        result_count: number;
      };
      expect(body.result_count).toBe(body.result.length);
      ids.push(...body.result.map((user) => user.id));
      cursor = body.next_cursor;
    }
    expect(ids).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });

  it('returns the provider calls made', async () => {
    const harness = createRecordingHarness();
    const response = await harness.json('list', 'groups');
    expect(response.providerCalls).toEqual([
      {
        method: 'GET',
        url: 'https://directory.example.test/groups',
        outcome: 'sent',
        status: 200,
        providerRequestId: 'request-1',
        responseHeaders: { 'content-type': 'application/json', 'request-id': 'request-1' },
      },
    ]);
  });
});

describe('truto_response_format', () => {
  it('unified (default): mapped records with the raw record as remote_data', async () => {
    const harness = createRecordingHarness();
    const list = await harness.json('list', 'users', 'limit=1');
    expect((list.body as { result: unknown[] }).result).toEqual([
      { ...person1Unified, remote_data: person1Raw },
    ]);
    const get = await harness.json('get', 'users', 'truto_response_format=unified', { id: 'u1' });
    expect(get.body).toEqual({ ...person1Unified, remote_data: person1Raw });
  });

  it('raw: the provider records untouched', async () => {
    const harness = createRecordingHarness();
    const list = await harness.json('list', 'users', 'limit=1&truto_response_format=raw');
    expect(list.body).toEqual({
      result: [person1Raw],
      next_cursor: 'offset:1',
      prev_cursor: null,
      result_count: 1,
    });
    const get = await harness.json('get', 'users', 'truto_response_format=raw', { id: 'u1' });
    expect(get.body).toEqual(person1Raw);
  });

  it('normalized: every unified field present in schema order, absent ones null, no remote_data', async () => {
    const harness = createRecordingHarness();
    const get = await harness.json('get', 'users', 'truto_response_format=normalized', { id: 'u1' });
    const body = get.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(unifiedUserFields.filter((field) => field !== 'remote_data'));
    expect(body).toMatchObject({ ...person1Unified, last_name: null, phones: null, avatar: null });
    const groups = await harness.json('list', 'groups', 'truto_response_format=normalized');
    expect((groups.body as { result: unknown[] }).result).toEqual([
      {
        id: 'g1',
        name: 'Engineering',
        description: null,
        group_type: null,
        organization_id: null,
        emails: null,
        member_count: null,
        created_at: null,
        updated_at: null,
      },
    ]);
  });

  it('debug: the answer under result and the provider calls, URL and page facts under debug', async () => {
    const harness = createRecordingHarness();
    const list = await harness.json('list', 'users', 'limit=2&truto_response_format=debug');
    expect(list.body).toMatchObject({
      next_cursor: 'offset:2',
      prev_cursor: null,
      result_count: 2,
      debug: {
        request_url: expect.stringContaining('https://directory.example.test/users'),
        request_options: { method: 'GET' },
        next_cursor: 'offset:2',
        result_count: 2,
        is_empty_result: false,
      },
    });
    const body = list.body as { result: unknown[]; debug: { provider_calls: unknown[] } };
    expect(body.result[0]).toEqual({ ...person1Unified, remote_data: person1Raw });
    expect(body.debug.provider_calls).toEqual([
      expect.objectContaining({ method: 'GET', outcome: 'sent', status: 200 }),
    ]);
    const get = await harness.json('get', 'users', 'truto_response_format=debug', { id: 'u1' });
    expect(get.body).toMatchObject({
      result: { ...person1Unified, remote_data: person1Raw },
      debug: { request_options: { method: 'GET' } },
    });
  });

  it("debug shows the provider's response headers, and no other format does", async () => {
    const harness = createRecordingHarness();
    const debug = await harness.json('get', 'users', 'truto_response_format=debug', { id: 'u1' });
    const headers = { 'content-type': 'application/json', 'request-id': 'request-1' };
    expect(debug.body).toMatchObject({
      debug: {
        response_headers: headers,
        provider_calls: [expect.objectContaining({ response_headers: headers })],
      },
    });
    for (const format of ['unified', 'raw', 'normalized']) {
      const answer = await harness.json('get', 'users', `truto_response_format=${format}`, { id: 'u1' });
      expect(JSON.stringify(answer.body)).not.toMatch(/response_headers|request-id/);
    }
    const dryRun = await harness.json('delete', 'users', 'dry_run=true', { id: 'u1' });
    expect(JSON.stringify(dryRun.body)).not.toContain('response_headers');
  });

  it('truto_key_by turns a page into an object keyed by the field, and refuses keys that would lose records', async () => {
    const harness = createRecordingHarness();
    const keyed = await harness.json('list', 'users', 'limit=2&truto_key_by=id');
    expect(keyed.body).toMatchObject({ next_cursor: 'offset:2', result_count: 2 });
    const result = (keyed.body as { result: Record<string, { id: string }> }).result;
    expect(Object.keys(result)).toEqual(['u1', 'u2']);
    expect(result.u1?.id).toBe('u1');
    const byEmail = await harness.json('list', 'users', 'limit=1&truto_key_by=emails.0.email');
    expect(Object.keys((byEmail.body as { result: object }).result)).toEqual(['person1@corp.example']);
    expect(await harness.refusal('list', 'users', 'truto_key_by=department')).toMatchObject({
      code: 'truto_key_by_not_unique',
      httpStatus: 400,
    });
    expect(
      await harness.refusal('list', 'users', 'truto_key_by=id&truto_response_format=stream'),
    ).toMatchObject({
      code: 'conflicting_parameters',
    });
    expect(await harness.refusal('get', 'users', 'truto_key_by=id', { id: 'u1' })).toMatchObject({
      code: 'unsupported_parameter',
    });
  });

  it('truto_ignore_remote_data drops remote_data', async () => {
    const harness = createRecordingHarness();
    const get = await harness.json('get', 'users', 'truto_ignore_remote_data=true', { id: 'u1' });
    expect(get.body).toEqual(person1Unified);
  });

  it('truto_exclude_fields removes top-level and dotted fields after mapping, in every format', async () => {
    const harness = createRecordingHarness();
    const unified = await harness.json(
      'get',
      'users',
      'truto_exclude_fields[]=first_name&truto_exclude_fields[]=emails.is_primary&truto_exclude_fields[]=remote_data.mail',
      { id: 'u1' },
    );
    const { first_name: _first, ...rest } = person1Unified;
    const { mail: _mail, ...rawRest } = person1Raw;
    expect(unified.body).toEqual({
      ...rest,
      emails: [{ email: 'person1@corp.example' }],
      remote_data: rawRest,
    });
    const normalized = await harness.json(
      'list',
      'users',
      'truto_response_format=normalized&truto_exclude_fields=id,avatar',
    );
    const first = (normalized.body as { result: Array<Record<string, unknown>> }).result[0];
    expect(first).not.toHaveProperty('id');
    expect(first).not.toHaveProperty('avatar');
    expect(first).toHaveProperty('bio', null);
  });
});

describe('create, update and delete bodies', () => {
  it('create answers 201 with the record; update 200 with the record', async () => {
    const harness = createRecordingHarness();
    const created = await harness.json('create', 'users', 'truto_ignore_remote_data=true', {
      body: { name: 'Ada', first_name: 'Ada', emails: [{ email: 'ada@corp.example', is_primary: true }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'u6', name: 'Ada', emails: [{ email: 'ada@corp.example' }] });
    expect(harness.provider.users.get('u6')?.displayName).toBe('Ada');
    const updated = await harness.json('update', 'users', 'truto_response_format=raw', {
      id: 'u6',
      body: { name: 'Ada Lovelace' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ userId: 'u6', displayName: 'Ada Lovelace' });
  });

  it('delete answers the user as it was, its id and the actions taken', async () => {
    const harness = createRecordingHarness();
    const deleted = await harness.json('delete', 'users', 'permanent=true', { id: 'u1' });
    expect(deleted.body).toEqual({
      ...person1Unified,
      remote_data: person1Raw,
      actions: [
        { action: 'soft_delete', target: 'u1', outcome: 'done' },
        { action: 'permanent_delete', target: 'u1', outcome: 'done' },
      ],
    });
    expect(harness.provider.users.has('u1')).toBe(false);
    expect(harness.provider.received).toEqual([
      { method: 'GET', path: '/users/u1' },
      { method: 'DELETE', path: '/users/u1' },
      { method: 'DELETE', path: '/deletedItems/u1' },
    ]);
    expect(deleted.providerCalls.map((call) => call.outcome)).toEqual(['sent', 'sent', 'sent']);
  });

  it('delete in raw and normalized formats, and with exclusions that cannot remove id or actions', async () => {
    const harness = createRecordingHarness();
    const raw = await harness.json('delete', 'users', 'truto_response_format=raw', { id: 'u1' });
    expect(raw.body).toEqual({
      id: 'u1',
      ...person1Raw,
      actions: [{ action: 'soft_delete', target: 'u1', outcome: 'done' }],
    });
    const normalized = await harness.json(
      'delete',
      'users',
      'truto_response_format=normalized&truto_exclude_fields[]=id',
      {
        id: 'u2',
      },
    );
    expect(normalized.body).toMatchObject({
      id: 'u2',
      name: 'Person 2',
      avatar: null,
      actions: [expect.any(Object)],
    });
  });

  it('delete that removes a membership answers { id, actions } (the user was not read as a record)', async () => {
    const harness = createRecordingHarness();
    const removed = await harness.json('delete', 'users', 'remove_from=group&remove_from_id=g1', {
      id: 'u2',
    });
    expect(removed.body).toEqual({
      id: 'u2',
      actions: [{ action: 'remove_from_group', target: 'g1', outcome: 'done' }],
    });
    expect(harness.provider.users.has('u2')).toBe(true);
    expect(harness.provider.groups.get('g1')?.memberIds.has('u2')).toBe(false);
    const normalized = await harness.json(
      'delete',
      'users',
      'remove_from=group&remove_from_id=g1&truto_response_format=normalized',
      {
        id: 'u1',
      },
    );
    expect(normalized.body).toMatchObject({
      id: 'u1',
      name: null,
      emails: null,
      actions: [expect.any(Object)],
    });
  });
});

describe('dry_run', () => {
  it('delete returns the calls it would make and makes none of the mutating ones', async () => {
    const harness = createRecordingHarness();
    const response = await harness.json('delete', 'users', 'permanent=true&dry_run=true', { id: 'u1' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      dry_run: true,
      provider_calls: [
        {
          method: 'GET',
          url: 'https://directory.example.test/users/u1',
          outcome: 'sent',
          status: 200,
          provider_request_id: 'request-1',
        },
        { method: 'DELETE', url: 'https://directory.example.test/users/u1', outcome: 'planned' },
        { method: 'DELETE', url: 'https://directory.example.test/deletedItems/u1', outcome: 'planned' },
      ],
      actions: [
        { action: 'soft_delete', target: 'u1', outcome: 'planned' },
        { action: 'permanent_delete', target: 'u1', outcome: 'planned' },
      ],
    });
    expect(harness.provider.received).toEqual([{ method: 'GET', path: '/users/u1' }]);
    expect(harness.provider.users.has('u1')).toBe(true);
    expect(harness.provider.operationCalls[0]?.context.dryRun).toBe(true);
  });

  it('create and update plan their call and change nothing', async () => {
    const harness = createRecordingHarness();
    const created = await harness.json('create', 'users', 'dry_run=true', {
      body: { name: 'Ada', emails: [{ email: 'ada@corp.example' }] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      dry_run: true,
      provider_calls: [{ method: 'POST', outcome: 'planned' }],
    });
    const updated = await harness.json('update', 'users', 'dry_run=1', {
      id: 'u1',
      body: { name: 'Renamed' },
    });
    expect(updated.body).toMatchObject({
      dry_run: true,
      provider_calls: [{ method: 'PATCH', outcome: 'planned' }],
    });
    expect(harness.provider.received).toEqual([]);
    expect(harness.provider.users.size).toBe(5);
    expect(harness.provider.users.get('u1')?.displayName).toBe('Person 1');
  });

  it('dry_run=false runs for real', async () => {
    const harness = createRecordingHarness();
    await harness.json('delete', 'users', 'dry_run=false', { id: 'u3' });
    expect(harness.provider.users.has('u3')).toBe(false);
  });
});

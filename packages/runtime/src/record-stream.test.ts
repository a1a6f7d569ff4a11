import { collectGarbage } from '@unidir/testkit';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import { parseUnifiedQuery } from './parse-unified-query.js';
import { type StreamEncoding, streamErrorLine } from './record-stream.js';
import { createGeneratedConnector } from './test-support/generated-connector.js';
import { silentLogger } from './test-support/recording-connector.js';
import { defineUsersOnlyConnector } from './test-support/users-only-connector.js';
import type { UnifiedResponse } from './unified-request.js';
import { createUnifiedRuntime } from './unified-runtime.js';

const account = { id: 'generated-1', integration: 'generated', credentials: {}, settings: {} };

function streamOf(options: { total: number; pageSize: number; failAtPage?: number }) {
  const { connector, directory } = createGeneratedConnector(options);
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: silentLogger,
  });
  const open = async (queryString = '', streamEncoding: StreamEncoding = 'ndjson') => {
    const response = await runtime.execute({
      account,
      resource: 'users',
      method: 'list',
      query: parseUnifiedQuery(`truto_response_format=stream&${queryString}`),
      streamEncoding,
    });
    if (response.kind !== 'stream') throw new Error('expected a stream');
    return response;
  };
  return { directory, open };
}

type StreamResponse = Extract<UnifiedResponse, { kind: 'stream' }>;

async function readText(response: StreamResponse): Promise<string> {
  let text = '';
  for await (const piece of response.body) text += piece;
  return text;
}

/** The NDJSON lines of a whole stream, each with its newline (pieces may hold many lines). */
async function readAll(response: StreamResponse): Promise<string[]> {
  return (await readText(response)).split(/(?<=\n)/);
}

/** Reads a stream line by line, pulling the next piece only when the lines read so far are used up. */
function lineReader(response: StreamResponse) {
  const pieces = response.body[Symbol.asyncIterator]();
  let buffered: string[] = [];
  return async (): Promise<string | undefined> => {
    while (buffered.length === 0) {
      const next = await pieces.next();
      if (next.done) return undefined;
      buffered = next.value.split(/(?<=\n)/);
    }
    return buffered.shift();
  };
}

/** Lets any fetch the stream started on its own run to completion. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('truto_response_format=stream', () => {
  it('streams every record of every page as NDJSON, one JSON line per record', async () => {
    const { open, directory } = streamOf({ total: 2_500, pageSize: 1_000 });
    const response = await open();
    expect(response).toMatchObject({ status: 200, contentType: 'application/x-ndjson' });
    const lines = await readAll(response);
    expect(lines).toHaveLength(2_500);
    expect(lines.every((line) => line.endsWith('}\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(JSON.parse(lines[1_999] ?? '')).toEqual({
      id: 'user-1999',
      name: 'Generated 1999',
      emails: [{ email: 'user1999@generated.test' }],
      remote_data: { key: 1_999, label: 'Generated 1999', padding: 'x'.repeat(512) },
    });
    expect(directory.pagesFetched).toEqual([undefined, '1000', '2000']);
  });

  it('applies truto_ignore_remote_data, truto_exclude_fields, limit and next_cursor', async () => {
    const { open, directory } = streamOf({ total: 30, pageSize: 1_000 });
    const lines = await readAll(
      await open('truto_ignore_remote_data=true&truto_exclude_fields[]=emails&limit=7&next_cursor=10'),
    );
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      Array.from({ length: 20 }, (_, index) => ({
        id: `user-${index + 10}`,
        name: `Generated ${index + 10}`,
      })),
    );
    expect(directory.pagesFetched).toEqual(['10', '17', '24']);
  });

  it('pulls 50,000 records lazily: at most one page ahead of a paused reader, and read pages are freed', async () => {
    const pageSize = 1_000;
    const { open, directory } = streamOf({ total: 50_000, pageSize });
    const firstPageRecords: Array<WeakRef<object>> = [];
    directory.onPage = (records) => {
      if (directory.pagesFetched.length === 1)
        firstPageRecords.push(...records.map((record) => new WeakRef(record)));
    };
    const nextLine = lineReader(await open());
    let read = 0;
    let lastId = '';
    const readUpTo = async (count: number) => {
      while (read < count) {
        const line = await nextLine();
        if (line === undefined) throw new Error(`the stream ended after ${read} lines`);
        lastId = (JSON.parse(line) as { id: string }).id;
        read += 1;
      }
    };

    await readUpTo(1);
    await settle();
    expect(directory.pagesFetched.length).toBeLessThanOrEqual(2);

    await readUpTo(10_500);
    await settle();
    const pagesBeingRead = Math.ceil(read / pageSize);
    expect(directory.pagesFetched.length).toBeGreaterThanOrEqual(pagesBeingRead);
    expect(directory.pagesFetched.length).toBeLessThanOrEqual(pagesBeingRead + 1);

    collectGarbage();
    await settle();
    collectGarbage();
    expect(firstPageRecords).toHaveLength(pageSize);
    expect(firstPageRecords.filter((record) => record.deref() !== undefined)).toHaveLength(0);

    await readUpTo(50_000);
    expect(lastId).toBe('user-49999');
    expect(await nextLine()).toBeUndefined();
    expect(directory.pagesFetched).toHaveLength(50);
  });

  it('ends with an error line when a later page fails', async () => {
    const { open } = streamOf({ total: 5_000, pageSize: 100, failAtPage: 3 });
    const lines = await readAll(await open());
    expect(lines).toHaveLength(201);
    expect(JSON.parse(lines[199] ?? '')).toMatchObject({ id: 'user-199' });
    expect(JSON.parse(lines[200] ?? '')).toEqual({
      error: {
        statusCode: 502,
        code: 'provider_unavailable',
        message: 'Generated directory answered 503 to users.list: The provider answered 503.',
      },
    });
  });

  it('writes one JSON list document record by record for clients that parse JSON whole', async () => {
    const { open } = streamOf({ total: 2_500, pageSize: 1_000 });
    const response = await open('', 'json');
    expect(response.contentType).toBe('application/json');
    const document = JSON.parse(await readText(response)) as {
      result: Array<{ id: string }>;
      next_cursor: null;
    };
    expect(document).toMatchObject({ next_cursor: null, prev_cursor: null, result_count: 2_500 });
    expect(document.result.map((user) => user.id)).toEqual(
      Array.from({ length: 2_500 }, (_, index) => `user-${index}`),
    );
  });

  it('writes an empty JSON list document for an empty directory', async () => {
    const { open } = streamOf({ total: 0, pageSize: 100 });
    expect(JSON.parse(await readText(await open('', 'json')))).toEqual({
      result: [],
      next_cursor: null,
      prev_cursor: null,
      result_count: 0,
    });
  });

  it('fails the JSON document part-way instead of closing it, so it never parses as complete', async () => {
    const { open } = streamOf({ total: 5_000, pageSize: 100, failAtPage: 3 });
    let text = '';
    const reading = (async () => {
      for await (const piece of (await open('', 'json')).body) text += piece;
    })();
    await expect(reading).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(text.startsWith('{"result":[')).toBe(true);
    expect(JSON.parse(`${text}]}`).result).toHaveLength(200);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('fails the call itself when the first page fails, so the status can say so', async () => {
    const { open } = streamOf({ total: 5_000, pageSize: 100, failAtPage: 1 });
    await expect(open()).rejects.toMatchObject({ code: 'provider_unavailable', httpStatus: 502 });
  });

  it('aborts the page in flight and fetches no more when the reader stops', async () => {
    const { open, directory } = streamOf({ total: 10_000, pageSize: 100 });
    directory.beforePage = (pageNumber, signal) =>
      pageNumber < 3
        ? undefined
        : new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
          );
    const response = await open();
    let read = 0;
    for await (const piece of response.body) {
      read += piece.split('\n').length - 1;
      if (read >= 150) break;
    }
    await settle();
    expect(directory.pagesFetched).toEqual([undefined, '100', '200']);
    expect(directory.signals.map((signal) => signal.aborted)).toEqual([false, false, true]);
  });

  it('ends with an error line instead of looping when a connector repeats its cursor', async () => {
    const connector = defineUsersOnlyConnector({
      id: 'looping',
      displayName: 'Repeats its cursor',
      client: {},
      users: { list: async () => ({ records: [{ unified: { id: 'same' }, raw: {} }], nextCursor: 'again' }) },
    });
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([connector]),
      logger: silentLogger,
    });
    const response = await runtime.execute({
      account: { ...account, integration: 'looping' },
      resource: 'users',
      method: 'list',
      query: { truto_response_format: 'stream' },
    });
    if (response.kind !== 'stream') throw new Error('expected a stream');
    const lines = await readAll(response);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      error: { code: 'connector_contract_violation', statusCode: 500 },
    });
  });

  it('describes an unexpected failure as internal_error without its message', () => {
    const line = streamErrorLine(new Error('Bearer eyJhbGciOi.secret'));
    expect(JSON.parse(line)).toEqual({
      error: {
        statusCode: 500,
        code: 'internal_error',
        message: 'The stream failed part-way; the server logged why.',
      },
    });
    expect(line).not.toContain('secret');
    expect(line.endsWith('}\n')).toBe(true);
  });
});

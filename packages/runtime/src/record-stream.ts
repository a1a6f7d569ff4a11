import { type ConnectorLogger, type ListResult, UnidirError } from '@unidir/core';
import type { PageEncoder } from './stream-page-encoder.js';

export type PageFetcher = (cursor: string | undefined, signal: AbortSignal) => Promise<ListResult<object>>;

/** Scrubs secrets from a value the runtime itself writes into a response. */
export type RedactResponseValue = (value: unknown) => unknown;

/** The last line of a stream that failed part-way: `{"error":{"statusCode","code","message"}}`, scrubbed. */
export function streamErrorLine(error: unknown, redact: RedactResponseValue = (value) => value): string {
  const description = UnidirError.isInstance(error)
    ? { statusCode: error.httpStatus, code: error.code, message: error.message }
    : {
        statusCode: 500,
        code: 'internal_error',
        message: 'The stream failed part-way; the server logged why.',
      };
  return `${JSON.stringify(redact({ error: description }))}\n`;
}

/**
 * How a stream is written. `ndjson`: one record per line, and a failure part-way is a last `{"error"}`
 * line. `json`: one JSON document `{"result":[...],"next_cursor":null,...}` written record by record, for
 * clients that parse whatever is JSON as one document (Truto's SDK); a failure part-way aborts the
 * response, so the document never parses as complete.
 */
export type StreamEncoding = 'ndjson' | 'json';

interface Framing {
  open: string;
  /** A record's JSON text as written at position `index` of the stream. */
  record(text: string, index: number): string;
  close(count: number): string;
}

const framings: Record<StreamEncoding, Framing> = {
  ndjson: { open: '', record: (text) => `${text}\n`, close: () => '' },
  json: {
    open: '{"result":[',
    record: (text, index) => (index === 0 ? text : `,${text}`),
    close: (count) => `],"next_cursor":null,"prev_cursor":null,"result_count":${count}}\n`,
  },
};

/**
 * Records are yielded in pieces of about this many characters rather than one by one: each piece is one
 * socket write, and the HTTP layer's read-ahead (16 pieces for `Readable.from`) stays about 1 MB whatever
 * the page size.
 */
const pieceLength = 64 * 1024;

/** `page` is reassigned rather than copied: a generator keeps its arguments alive, and a read page must be freed. */
async function* encodedRecords(
  page: ListResult<object>,
  fetchPage: PageFetcher,
  encodePage: PageEncoder,
  logger: ConnectorLogger,
  reader: AbortController,
  encoding: StreamEncoding,
  redact: RedactResponseValue | undefined,
): AsyncGenerator<string, void, undefined> {
  const framing = framings[encoding];
  let count = 0;
  // One page is fetched ahead while the current one is read: a slow reader holds at most two pages.
  const prefetch = (cursor: string | null) => {
    if (cursor === null) return undefined;
    const page = fetchPage(cursor, reader.signal);
    page.catch(() => {});
    return page;
  };
  let pagesRead = 1;
  try {
    let nextPage = prefetch(page.nextCursor);
    let piece = framing.open;
    for (;;) {
      for (const text of encodePage(page.records)) {
        piece += framing.record(text, count);
        count += 1;
        if (piece.length >= pieceLength) {
          yield piece;
          piece = '';
        }
      }
      if (!nextPage) {
        piece += framing.close(count);
        if (piece) yield piece;
        return;
      }
      // What is encoded is written before waiting for the provider.
      if (piece) yield piece;
      piece = '';
      page = await nextPage;
      pagesRead += 1;
      nextPage = prefetch(page.nextCursor);
    }
  } catch (error) {
    logger.warn({ err: error, pages_read: pagesRead }, 'record stream ended by an error');
    if (encoding === 'json') throw error;
    yield streamErrorLine(error, redact);
  } finally {
    reader.abort();
  }
}

/**
 * Fetches the first page (so its errors are still a proper HTTP error), then returns the whole list in
 * the encoding asked for, fetching each later page only as the reader gets near it. A reader that stops early
 * aborts the page in flight.
 */
export async function openRecordStream(options: {
  firstCursor: string | undefined;
  fetchPage: PageFetcher;
  encodePage: PageEncoder;
  logger: ConnectorLogger;
  encoding?: StreamEncoding;
  /** Applied to the final error line, like the host's scrubbing of JSON errors. */
  redact?: RedactResponseValue;
}): Promise<AsyncIterable<string>> {
  const reader = new AbortController();
  const firstPage = await options.fetchPage(options.firstCursor, reader.signal);
  return encodedRecords(
    firstPage,
    options.fetchPage,
    options.encodePage,
    options.logger,
    reader,
    options.encoding ?? 'ndjson',
    options.redact,
  );
}

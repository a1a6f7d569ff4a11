import { type ConnectorLogger, type ListResult, UnidirError } from '@unidir/core';
import type { RecordShaper } from './record-shaping.js';

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

/** `page` is reassigned rather than copied: a generator keeps its arguments alive, and a read page must be freed. */
async function* ndjsonLines(
  page: ListResult<object>,
  fetchPage: PageFetcher,
  shape: RecordShaper,
  logger: ConnectorLogger,
  reader: AbortController,
  redact: RedactResponseValue | undefined,
): AsyncGenerator<string, void, undefined> {
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
    for (;;) {
      for (const record of page.records) yield `${JSON.stringify(shape(record))}\n`;
      if (!nextPage) return;
      page = await nextPage;
      pagesRead += 1;
      nextPage = prefetch(page.nextCursor);
    }
  } catch (error) {
    logger.warn({ err: error, pages_read: pagesRead }, 'record stream ended by an error');
    yield streamErrorLine(error, redact);
  } finally {
    reader.abort();
  }
}

/**
 * Fetches the first page (so its errors are still a proper HTTP error), then returns the whole list as
 * NDJSON lines, fetching each later page only as the reader gets near it. A reader that stops early
 * aborts the page in flight.
 */
export async function openRecordStream(options: {
  firstCursor: string | undefined;
  fetchPage: PageFetcher;
  shape: RecordShaper;
  logger: ConnectorLogger;
  /** Applied to the final error line, like the host's scrubbing of JSON errors. */
  redact?: RedactResponseValue;
}): Promise<AsyncIterable<string>> {
  const reader = new AbortController();
  const firstPage = await options.fetchPage(options.firstCursor, reader.signal);
  return ndjsonLines(firstPage, options.fetchPage, options.shape, options.logger, reader, options.redact);
}

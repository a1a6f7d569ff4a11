import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

const newline = 0x0a;
/** Enough of the end of the stream to hold its last line when that is an error line. */
const tailBytes = 4096;

export interface StreamReadResult {
  lines: number;
  bytes: number;
  seconds: number;
}

/**
 * Reads a whole NDJSON response, counting lines without parsing them (the bench must not be the
 * bottleneck). With `linesPerSecond` it reads no faster than that: a slow client, which back-pressure must
 * protect the server from. With `maximumLines` it hangs up once it has read that many. A stream that failed
 * part-way ends with an `{"error": ...}` line: that throws.
 */
export async function readNdjson(
  url: string,
  headers: Record<string, string>,
  options: { linesPerSecond?: number; maximumLines?: number; onProgress?: (lines: number) => void } = {},
): Promise<StreamReadResult> {
  const start = process.hrtime.bigint();
  const response = await request(url, { headers });
  if (response.statusCode !== 200) {
    throw new Error(
      `GET ${url} answered ${response.statusCode}: ${(await response.body.text()).slice(0, 500)}`,
    );
  }
  let lines = 0;
  let bytes = 0;
  let tail = '';
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    tail = (tail + chunk.toString('utf8', Math.max(0, chunk.length - tailBytes))).slice(-tailBytes);
    for (let index = chunk.indexOf(newline); index !== -1; index = chunk.indexOf(newline, index + 1)) {
      lines += 1;
    }
    options.onProgress?.(lines);
    if (options.maximumLines !== undefined && lines >= options.maximumLines) {
      // Leaving the loop destroys the body: the server sees the client go away mid-stream.
      return { lines, bytes, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    }
    if (options.linesPerSecond !== undefined) {
      const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
      const aheadMs = (lines / options.linesPerSecond) * 1000 - elapsedMs;
      if (aheadMs > 0) {
        await sleep(aheadMs);
      }
    }
  }
  const lastLine = tail.trimEnd().split('\n').at(-1) ?? '';
  if (lastLine.startsWith('{"error"')) {
    throw new Error(`the stream from ${url} ended with an error after ${lines - 1} lines: ${lastLine}`);
  }
  return { lines, bytes, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

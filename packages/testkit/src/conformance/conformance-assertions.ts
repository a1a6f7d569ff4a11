import { type RecordResult, UnidirError, type UnifiedUser } from '@unidir/core';
import { expect } from 'vitest';
import type { JournalEntry } from '../request-journal.js';
import type { ConformanceHarness } from './conformance-harness.js';

export type HarnessAccess = () => ConformanceHarness;

/** Awaits a promise that must reject with a unidir error, and returns that error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<UnidirError> {
  let outcome: { resolved: unknown } | { error: unknown };
  try {
    outcome = { resolved: await promise };
  } catch (error) {
    outcome = { error };
  }
  if ('resolved' in outcome) throw new Error('Expected the operation to fail, but it succeeded.');
  if (!UnidirError.isInstance(outcome.error)) {
    throw new Error(`Expected a unidir error (core's error classes), got: ${String(outcome.error)}`, {
      cause: outcome.error,
    });
  }
  return outcome.error;
}

/** Lists every user through the connector's cursors, checking each page on the way. */
export async function listAllUsers(
  harness: ConformanceHarness,
  pageSize: number,
  parameters: Record<string, unknown> = {},
): Promise<{ records: Array<RecordResult<UnifiedUser>>; pages: number }> {
  const records: Array<RecordResult<UnifiedUser>> = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await harness.listUsers({ ...parameters, limit: pageSize, ...(cursor ? { cursor } : {}) });
    pages++;
    expect(page.records.length, `page ${pages} holds more than the limit`).toBeLessThanOrEqual(pageSize);
    records.push(...page.records);
    if (page.nextCursor === null) return { records, pages };
    expect(seenCursors.has(page.nextCursor), `page ${pages} repeats an earlier cursor`).toBe(false);
    seenCursors.add(page.nextCursor);
    cursor = page.nextCursor;
    if (pages > 10_000) throw new Error('Listing did not end after 10,000 pages.');
  }
}

function decodedPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** `DELETE /v1.0/users/<id>` per request: what exact-call assertions compare (query ignored, decoded). */
export function callLines(calls: ReadonlyArray<Pick<JournalEntry, 'method' | 'path'>>): string[] {
  return calls.map((call) => `${call.method.toUpperCase()} ${decodedPath(call.path)}`);
}

export const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD';

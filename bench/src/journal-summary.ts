import type { JournalEntry } from '@unidir/testkit';

/** What the fake's journal says about the calls it received since it was last cleared. */
export interface JournalSummary {
  calls: number;
  /** Calls answered 429. */
  rateLimited: number;
  byMethod: Record<string, { calls: number; rateLimited: number }>;
  /**
   * POST/PATCH requests sent again (same path and body) after an earlier identical one had been answered
   * with something other than 429: a retry of a request the provider may have processed.
   */
  mutationsResentAfterProcessed: number;
  /** POST/PATCH requests sent again after a 429 (which proves the first was not processed). */
  mutationsResentAfterRateLimit: number;
  /** The first GET under the API prefix: what a read call asked the provider for before any enrichment. */
  firstRead?: JournalRequest;
}

export interface JournalRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
}

const requestOf = (entry: JournalEntry): JournalRequest => ({
  method: entry.method,
  path: entry.path,
  query: entry.query,
});

/**
 * Summarizes the journal. Only POST/PATCH under `apiPathPrefix` count as mutations: a token endpoint
 * receives identical form bodies by design (one per token), which are not re-sent requests.
 */
export function summarizeJournal(entries: readonly JournalEntry[], apiPathPrefix = '/'): JournalSummary {
  const byMethod: JournalSummary['byMethod'] = {};
  const earlierAnswers = new Map<string, number[]>();
  let rateLimited = 0;
  let mutationsResentAfterProcessed = 0;
  let mutationsResentAfterRateLimit = 0;
  for (const entry of entries) {
    const method = (byMethod[entry.method] ??= { calls: 0, rateLimited: 0 });
    method.calls += 1;
    if (entry.status === 429) {
      method.rateLimited += 1;
      rateLimited += 1;
    }
    if ((entry.method === 'POST' || entry.method === 'PATCH') && entry.path.startsWith(apiPathPrefix)) {
      const key = `${entry.method} ${entry.path} ${JSON.stringify(entry.body)}`;
      const answers = earlierAnswers.get(key) ?? [];
      if (answers.some((status) => status !== 429)) {
        mutationsResentAfterProcessed += 1;
      } else if (answers.length > 0) {
        mutationsResentAfterRateLimit += 1;
      }
      answers.push(entry.status);
      earlierAnswers.set(key, answers);
    }
  }
  const firstRead = entries.find((entry) => entry.method === 'GET' && entry.path.startsWith(apiPathPrefix));
  return {
    calls: entries.length,
    rateLimited,
    byMethod,
    mutationsResentAfterProcessed,
    mutationsResentAfterRateLimit,
    ...(firstRead ? { firstRead: requestOf(firstRead) } : {}),
  };
}

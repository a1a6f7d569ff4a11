import type { BenchConfig } from './bench-config.js';
import type { FakeProcess } from './bench-environment.js';
import type { JournalSummary } from './journal-summary.js';
import type { ResultRow } from './result-table.js';
import { callUnified, type UnidirEndpoint, unifiedUsersPath } from './unidir-api.js';

export interface ThrottlingMeasurement {
  unifiedCalls: number;
  /** Unified calls by the status unidir answered. */
  unifiedStatuses: Record<number, number>;
  journal: JournalSummary;
}

interface UnifiedCall {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

/** Runs `calls` with at most `concurrency` in flight; answers each call's status. */
async function runCalls(
  endpoint: UnidirEndpoint,
  calls: UnifiedCall[],
  concurrency: number,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++] as UnifiedCall;
      statuses.push((await callUnified(endpoint, call)).status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/**
 * M5: the fake answers a share of its API calls with 429 `Retry-After`, chosen by its seeded random. A
 * mixed workload of reads (list page, get) and writes (create, update; each unique so a re-sent one is
 * recognisable) goes through unidir; the fake's journal tells what the provider received.
 */
export async function measureThrottling(
  endpoint: UnidirEndpoint,
  fake: FakeProcess,
  accountId: string,
  config: BenchConfig,
): Promise<ThrottlingMeasurement> {
  const { callsPerKind, concurrency, probability, retryAfterSeconds } = config.throttling;
  const sample = await callUnified(endpoint, {
    method: 'GET',
    path: unifiedUsersPath({ accountId, query: { limit: String(callsPerKind) } }),
  });
  const sampleUsers = (sample.body as { result?: Array<{ id: string; username?: string }> }).result ?? [];
  const domain = sampleUsers[0]?.username?.split('@')[1];
  if (sample.status !== 200 || sampleUsers.length === 0 || domain === undefined) {
    throw new Error(
      `listing users for M5 answered ${sample.status}: ${JSON.stringify(sample.body).slice(0, 500)}`,
    );
  }
  const runId = Date.now().toString(36);
  const calls: UnifiedCall[] = [];
  for (let index = 0; index < callsPerKind; index++) {
    const user = sampleUsers[index % sampleUsers.length] as { id: string };
    calls.push(
      { method: 'GET', path: unifiedUsersPath({ accountId, query: { limit: '100' } }) },
      { method: 'GET', path: unifiedUsersPath({ accountId, userId: user.id }) },
      {
        method: 'POST',
        path: unifiedUsersPath({ accountId }),
        body: {
          first_name: 'Bench',
          last_name: `Throttled ${index}`,
          username: `bench.${runId}.${index}@${domain}`,
          password: `Bench-${runId}-Password-${index}!`,
        },
      },
      {
        method: 'PATCH',
        path: unifiedUsersPath({ accountId, userId: user.id }),
        body: { title: `Bench ${runId} ${index}` },
      },
    );
  }
  const apiPrefix = new URL(String(fake.info.settings.base_url)).pathname;
  await fake.call('clear-journal');
  await fake.call('inject-fault', {
    pathPrefix: apiPrefix,
    probability,
    fault: {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/json' },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests (bench throttling).' } },
    },
  });
  try {
    const statuses = await runCalls(endpoint, calls, concurrency);
    const unifiedStatuses: Record<number, number> = {};
    for (const status of statuses) {
      unifiedStatuses[status] = (unifiedStatuses[status] ?? 0) + 1;
    }
    return {
      unifiedCalls: calls.length,
      unifiedStatuses,
      journal: await fake.call<JournalSummary>('journal-summary'),
    };
  } finally {
    await fake.call('clear-faults');
  }
}

export function throttlingRows(measurement: ThrottlingMeasurement, config: BenchConfig): ResultRow[] {
  const { journal, unifiedCalls, unifiedStatuses } = measurement;
  const single = 'one run';
  const answeredOk = Object.entries(unifiedStatuses)
    .filter(([status]) => Number(status) < 300)
    .reduce((sum, [, count]) => sum + count, 0);
  const statusList = Object.entries(unifiedStatuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  const mutations = (journal.byMethod.POST?.calls ?? 0) + (journal.byMethod.PATCH?.calls ?? 0);
  const { probability, retryAfterSeconds } = config.throttling;
  return [
    {
      benchmark: 'M5',
      measure: `unified calls (list, get, create, update) with ${probability * 100}% 429 Retry-After: ${retryAfterSeconds}`,
      value: `${unifiedCalls} (${answeredOk} ok)`,
      spread: statusList,
    },
    {
      benchmark: 'M5',
      measure: 'provider calls received by the fake (per unified call)',
      value: `${journal.calls} (${(journal.calls / unifiedCalls).toFixed(2)})`,
      spread: Object.entries(journal.byMethod)
        .map(([method, counts]) => `${method} ${counts.calls} (${counts.rateLimited}× 429)`)
        .join(', '),
    },
    {
      benchmark: 'M5',
      measure: 'provider calls answered 429 (each one retried or surfaced as 429)',
      value: String(journal.rateLimited),
      spread: single,
    },
    {
      benchmark: 'M5',
      measure: `POST/PATCH re-sent after a 429 (allowed: 429 proves not processed), of ${mutations}`,
      value: String(journal.mutationsResentAfterRateLimit),
      spread: single,
    },
    {
      benchmark: 'M5',
      measure: 'POST/PATCH re-sent after the provider may have processed them',
      value: String(journal.mutationsResentAfterProcessed),
      spread: single,
      goal: '0',
      met: journal.mutationsResentAfterProcessed === 0,
    },
  ];
}

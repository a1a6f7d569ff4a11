import type { FakeProcess } from './bench-environment.js';
import type { JournalSummary } from './journal-summary.js';

/**
 * The exact provider request (path and query) unidir sends for a unified call, read from the fake's
 * journal: the direct and proxy paths then send the same request, so every path fetches the same bytes.
 */
export async function learnProviderRequest(
  fake: FakeProcess,
  unifiedCall: () => Promise<{ status: number; body: unknown }>,
): Promise<string> {
  await fake.call('clear-journal');
  const answer = await unifiedCall();
  if (answer.status !== 200) {
    throw new Error(
      `the unified call answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  }
  // Reads may be followed by enrichment calls (Graph's subscribedSkus): the first read is the request itself.
  const { firstRead } = await fake.call<JournalSummary>('journal-summary');
  if (firstRead === undefined) {
    throw new Error(`the unified call reached no provider (${fake.connector} fake)`);
  }
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(firstRead.query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      query.append(name, item);
    }
  }
  const search = query.toString();
  return search === '' ? firstRead.path : `${firstRead.path}?${search}`;
}

import type { JournalEntry } from '@unidir/testkit';
import { describe, expect, it } from 'vitest';
import { summarizeJournal } from './journal-summary.js';

function entry(method: string, path: string, status: number, body?: unknown): JournalEntry {
  return { route: undefined, method, path, query: {}, headers: {}, body, status, handled: status !== 429 };
}

describe('summarizeJournal', () => {
  it('counts calls and 429 answers per method', () => {
    const summary = summarizeJournal([
      entry('GET', '/v1.0/users', 200),
      entry('GET', '/v1.0/users', 429),
      entry('GET', '/v1.0/users', 200),
      entry('DELETE', '/v1.0/users/1', 204),
    ]);
    expect(summary.calls).toBe(4);
    expect(summary.rateLimited).toBe(1);
    expect(summary.byMethod).toEqual({
      GET: { calls: 3, rateLimited: 1 },
      DELETE: { calls: 1, rateLimited: 0 },
    });
  });

  it('names the first read under the API prefix, not the token request before it or an enrichment after', () => {
    const summary = summarizeJournal(
      [
        entry('POST', '/tenant/oauth2/v2.0/token', 200),
        entry('GET', '/v1.0/users', 200),
        entry('GET', '/v1.0/subscribedSkus', 200),
      ],
      '/v1.0',
    );
    expect(summary.firstRead).toEqual({ method: 'GET', path: '/v1.0/users', query: {} });
  });

  it('tells a POST re-sent after a 429 from one re-sent after the provider may have processed it', () => {
    const created = { mail: 'ada@example.com' };
    const summary = summarizeJournal([
      entry('POST', '/v1.0/users', 429, created),
      entry('POST', '/v1.0/users', 201, created),
      entry('PATCH', '/v1.0/users/1', 500, { jobTitle: 'x' }),
      entry('PATCH', '/v1.0/users/1', 204, { jobTitle: 'x' }),
      entry('PATCH', '/v1.0/users/1', 204, { jobTitle: 'y' }),
    ]);
    expect(summary.mutationsResentAfterRateLimit).toBe(1);
    expect(summary.mutationsResentAfterProcessed).toBe(1);
  });

  it('does not take token requests (identical by design) for re-sent mutations', () => {
    const tokenRequest = 'grant_type=client_credentials&client_id=app';
    const summary = summarizeJournal(
      [
        entry('POST', '/tenant/oauth2/v2.0/token', 200, tokenRequest),
        entry('POST', '/tenant/oauth2/v2.0/token', 200, tokenRequest),
      ],
      '/v1.0',
    );
    expect(summary.mutationsResentAfterProcessed).toBe(0);
    expect(summary.byMethod.POST?.calls).toBe(2);
  });
});

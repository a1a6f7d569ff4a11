import { InvalidCursorError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { catalogueListPage } from './catalogue-page.js';

const records = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ unified: { id }, raw: { id } }));

describe('catalogueListPage', () => {
  it('pages a fixed list within the limit, each record once', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = catalogueListPage('catalogue-test', records, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.records.length).toBeLessThanOrEqual(2);
      seen.push(...page.records.map((record) => record.unified.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses a cursor issued by another connector', () => {
    const first = catalogueListPage('catalogue-test', records, { limit: 2 });
    expect(() =>
      catalogueListPage('another-connector', records, { limit: 2, cursor: first.nextCursor ?? '' }),
    ).toThrow(InvalidCursorError);
  });
});

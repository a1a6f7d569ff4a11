import { describe, expect, it } from 'vitest';
import { iteratePages } from './iterate-pages.js';

describe('iteratePages', () => {
  it('yields every item of every page in order and stops when no next state is returned', async () => {
    const seen: Array<number | undefined> = [];
    const items: number[] = [];
    for await (const item of iteratePages<number, number>(async (offset) => {
      seen.push(offset);
      const start = offset ?? 0;
      const page = [start, start + 1, start + 2].filter((value) => value < 7);
      return { items: page, next: start + 3 < 7 ? start + 3 : undefined };
    })) {
      items.push(item);
    }
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([undefined, 3, 6]);
  });

  it('fetches lazily: breaking out early requests no further pages', async () => {
    let fetched = 0;
    for await (const item of iteratePages<number, number>(async (page = 0) => {
      fetched += 1;
      return { items: [page * 10, page * 10 + 1], next: page + 1 };
    })) {
      if (item === 11) break;
    }
    expect(fetched).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { ChangeAwareCache } from './change-aware-cache.js';
import { createStoreChanges, type StoreChangeListener } from './store-changes.js';

/** Store changes whose database side the test drives: what a driver would report. */
function controlledChanges() {
  const report: { change?: StoreChangeListener; watching?: (watching: boolean) => void } = {};
  const changes = createStoreChanges((reported) => {
    report.change = reported.change;
    report.watching = reported.watching;
    return async () => {};
  });
  return { changes, report };
}

function rowCache() {
  const { changes, report } = controlledChanges();
  const cache = new ChangeAwareCache<{ id: string; label: string }>({
    changes,
    table: 'integrated_accounts',
    idOf: (row) => row.id,
  });
  const rows = new Map([['a', { id: 'a', label: 'first' }]]);
  let reads = 0;
  const read = (id: string) => async () => {
    reads += 1;
    return rows.get(id);
  };
  return { cache, changes, report, rows, read, reads: () => reads };
}

describe('ChangeAwareCache', () => {
  it('answers from memory while changes are heard, and reads again after a change to the row', async () => {
    const { cache, report, rows, read, reads } = rowCache();
    report.watching?.(true);
    await cache.get('a', read('a'));
    expect(await cache.get('a', read('a'))).toEqual({ id: 'a', label: 'first' });
    expect(reads()).toBe(1);
    rows.set('a', { id: 'a', label: 'second' });
    report.change?.({ table: 'integrated_accounts', id: 'a' });
    expect(await cache.get('a', read('a'))).toEqual({ id: 'a', label: 'second' });
    expect(reads()).toBe(2);
  });

  it('reads every time while changes cannot be heard (a lost connection), and drops what it held', async () => {
    const { cache, report, read, reads } = rowCache();
    report.watching?.(true);
    await cache.get('a', read('a'));
    report.watching?.(false);
    await cache.get('a', read('a'));
    await cache.get('a', read('a'));
    expect(reads()).toBe(3);
    report.watching?.(true);
    await cache.get('a', read('a'));
    await cache.get('a', read('a'));
    expect(reads()).toBe(4);
  });

  it('does not keep a row read while a change to it was heard', async () => {
    const { cache, report, rows } = rowCache();
    report.watching?.(true);
    const stale = cache.get('a', async () => {
      const row = rows.get('a');
      rows.set('a', { id: 'a', label: 'changed meanwhile' });
      report.change?.({ table: 'integrated_accounts', id: 'a' });
      return row;
    });
    expect(await stale).toEqual({ id: 'a', label: 'first' });
    expect(await cache.get('a', async () => rows.get('a'))).toEqual({ id: 'a', label: 'changed meanwhile' });
  });

  it('hears its own process at once, whatever the database reports', async () => {
    const { cache, changes, report, read, reads } = rowCache();
    report.watching?.(true);
    await cache.get('a', read('a'));
    changes.publish({ table: 'integrated_accounts', id: 'a' });
    await cache.get('a', read('a'));
    expect(reads()).toBe(2);
  });
});

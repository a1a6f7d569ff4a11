import type { CachedTable, StoreChange, StoreChanges } from './store-changes.js';

/**
 * No entry answers for longer than this, even if no change was heard: the bound for a change whose
 * notification was lost with a connection that died without anyone noticing.
 */
export const cachedRowMaxAgeMs = 60_000;
const defaultMaxEntries = 1000;

interface Entry<Value> {
  value: Value;
  storedAt: number;
}

/**
 * Rows read from the database, kept until a change to them is heard (from this process at once, from
 * others through the database), so a call that finds its row here reads nothing. Only rows that exist are
 * kept: a missing one is asked for again. While changes cannot be heard, nothing is answered from memory.
 */
export class ChangeAwareCache<Value> {
  readonly #entries = new Map<string, Entry<Value>>();
  /** Bumped by every change to the table: a read that was under way meanwhile may be stale, so it is not kept. */
  #generation = 0;

  constructor(
    private readonly options: {
      changes: StoreChanges;
      table: CachedTable;
      /** The id a change names, of the row a value was read from. */
      idOf: (value: Value) => string;
      maxEntries?: number;
      now?: () => number;
    },
  ) {
    options.changes.subscribe((change) => this.#forget(change));
  }

  async get(key: string, read: () => Promise<Value | undefined>): Promise<Value | undefined> {
    const now = this.options.now ?? Date.now;
    const entry = this.#entries.get(key);
    if (entry !== undefined && this.options.changes.watching && now() - entry.storedAt < cachedRowMaxAgeMs) {
      return entry.value;
    }
    const generation = this.#generation;
    const value = await read();
    this.#entries.delete(key);
    if (value === undefined || generation !== this.#generation || !this.options.changes.watching)
      return value;
    if (this.#entries.size >= (this.options.maxEntries ?? defaultMaxEntries)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, storedAt: now() });
    return value;
  }

  #forget(change: StoreChange): void {
    if (change.table === 'any') {
      this.#generation += 1;
      this.#entries.clear();
      return;
    }
    if (change.table !== this.options.table) return;
    this.#generation += 1;
    for (const [key, entry] of this.#entries) {
      if (this.options.idOf(entry.value) === change.id) this.#entries.delete(key);
    }
  }
}

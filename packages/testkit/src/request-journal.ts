/** One request the fake received, as it arrived, with the status it was answered (0: no answer). */
export interface JournalEntry {
  /** The matched route's name; undefined when no route matched. */
  route: string | undefined;
  method: string;
  /** The raw path, without the query. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names; redacted ones (default: authorization) read `[redacted]`. */
  headers: Record<string, string>;
  body: unknown;
  /** 0 while unanswered, and for a stall or a reset. */
  status: number;
  /** The kind of fault injected into this request, if any. */
  fault?: string;
  /** Whether the route's handler ran (so its state change, if any, happened). */
  handled: boolean;
}

export interface RequestJournal {
  readonly entries: readonly JournalEntry[];
  clear(): void;
  /** Entries for one route name, or the entries the predicate accepts. */
  forRoute(name: string | ((entry: JournalEntry) => boolean)): JournalEntry[];
}

/** `limit` keeps only the latest entries: a long-running sandbox fake must not grow without bound. */
export function createRequestJournal(
  limit = Number.POSITIVE_INFINITY,
): RequestJournal & { record(entry: JournalEntry): JournalEntry } {
  const entries: JournalEntry[] = [];
  return {
    entries,
    clear() {
      entries.length = 0;
    },
    forRoute(name) {
      return entries.filter(typeof name === 'string' ? (entry) => entry.route === name : name);
    },
    record(entry) {
      entries.push(entry);
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      return entry;
    },
  };
}

/** URLSearchParams as a record; repeated names become arrays. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of query) {
    const existing = record[name];
    record[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

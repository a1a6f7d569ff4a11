/** The tables whose rows the server caches between calls. */
export type CachedTable = 'integrated_accounts' | 'api_tokens';

/** A cached row that changed or went away; `any` when changes may have been missed (a lost connection). */
export type StoreChange = { table: CachedTable; id: string } | { table: 'any' };

export type StoreChangeListener = (change: StoreChange) => void;

/**
 * What a database tells about changes made by every process that shares it (see the drivers'
 * `watchChanges`), joined with the store's own writes, which are told at once.
 */
export interface StoreChanges {
  /** True while every other process's change reaches this one; caches must not answer while it is false. */
  readonly watching: boolean;
  /** Starts watching the database on the first subscriber. */
  subscribe(listener: StoreChangeListener): void;
  /** A change this process made: its own caches hear of it before the write's promise resolves. */
  publish(change: StoreChange): void;
}

/** How a driver reports the changes other processes make; returns what stops it. */
export type WatchChanges = (report: {
  change: StoreChangeListener;
  watching: (watching: boolean) => void;
}) => () => Promise<void>;

export function createStoreChanges(watchChanges: WatchChanges): StoreChanges & { stop(): Promise<void> } {
  const listeners: StoreChangeListener[] = [];
  let watching = false;
  let stop: (() => Promise<void>) | undefined;
  const publish = (change: StoreChange) => {
    for (const listener of listeners) listener(change);
  };
  return {
    get watching() {
      return watching;
    },
    subscribe(listener) {
      listeners.push(listener);
      stop ??= watchChanges({
        change: publish,
        watching: (now) => {
          // Whatever happened while nobody listened is unknown: everything cached is dropped.
          if (watching !== now) publish({ table: 'any' });
          watching = now;
        },
      });
    },
    publish,
    async stop() {
      watching = false;
      await stop?.();
    },
  };
}

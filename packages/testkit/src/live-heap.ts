import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let garbageCollector: (() => void) | undefined;

/**
 * A full garbage collection now, without starting the process with `--expose-gc`: V8 hands `gc` to contexts
 * created after the flag is set, so it is read from a fresh one.
 */
export function collectGarbage(): void {
  if (garbageCollector === undefined) {
    setFlagsFromString('--expose-gc');
    garbageCollector = runInNewContext('gc') as () => void;
  }
  garbageCollector();
}

/**
 * The heap still referenced, in bytes: `heapUsed` after a full collection. Memory tests compare this rather
 * than `heapUsed` alone, whose uncollected garbage depends on GC timing and machine load.
 */
export function liveHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

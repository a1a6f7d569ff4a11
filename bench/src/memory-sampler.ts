import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchProcess } from './bench-process.js';

export interface MemorySampler {
  /** The highest RSS (bytes) seen so far. */
  peakSoFar(): number;
  /** Stops sampling; resolves with the highest RSS seen (bytes), a final sample included. */
  stop(): Promise<number>;
}

/**
 * Reads a child's RSS every `intervalMs` while a benchmark runs. The child answers from its own event loop,
 * so a sample may arrive late under load, never wrong.
 */
export function sampleResidentSetSize(child: BenchProcess<unknown>, intervalMs: number): MemorySampler {
  let running = true;
  let peak = 0;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await child.residentSetSize());
      await sleep(intervalMs);
    }
  })();
  return {
    peakSoFar: () => peak,
    async stop() {
      running = false;
      await loop;
      return Math.max(peak, await child.residentSetSize());
    },
  };
}

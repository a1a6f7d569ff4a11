import { describe, expect, it } from 'vitest';
import { collectGarbage, liveHeapBytes } from './live-heap.js';

describe('liveHeapBytes', () => {
  it('does not count garbage: a dropped 32 MB array is gone, a kept one is counted', () => {
    const before = liveHeapBytes();
    let kept: number[] | undefined = Array.from({ length: 4_000_000 }, (_, index) => index + 0.5);
    const whileKept = liveHeapBytes();
    expect(whileKept - before).toBeGreaterThan(24 * 1024 * 1024);
    expect(kept).toHaveLength(4_000_000);
    kept = undefined;
    expect(liveHeapBytes() - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('collects a value only a WeakRef still points at', async () => {
    let value: object | undefined = { big: new Array(1000).fill('x') };
    const reference = new WeakRef(value);
    value = undefined;
    // A WeakRef target stays alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(reference.deref()).toBeUndefined();
  });
});

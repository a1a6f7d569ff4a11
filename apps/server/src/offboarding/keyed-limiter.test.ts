import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter.js';

describe('KeyedLimiter', () => {
  it('runs at most `limit` tasks per key at once, other keys unaffected, in arrival order', async () => {
    const limiter = new KeyedLimiter(2);
    const running = new Map<string, number>();
    const peaks = new Map<string, number>();
    const order: string[] = [];
    const task = (key: string, name: string) =>
      limiter.run(key, async () => {
        order.push(name);
        running.set(key, (running.get(key) ?? 0) + 1);
        peaks.set(key, Math.max(peaks.get(key) ?? 0, running.get(key) ?? 0));
        await new Promise((resolve) => setTimeout(resolve, 10));
        running.set(key, (running.get(key) ?? 1) - 1);
        return name;
      });
    const results = await Promise.all([
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((name) => task('a', name)),
      ...['b1', 'b2', 'b3'].map((name) => task('b', name)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
    expect(peaks).toEqual(
      new Map([
        ['a', 2],
        ['b', 2],
      ]),
    );
    expect(order.filter((name) => name.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('k', async () => 'next')).resolves.toBe('next');
  });
});

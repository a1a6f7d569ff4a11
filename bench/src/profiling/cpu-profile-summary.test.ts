import { describe, expect, it } from 'vitest';
import {
  type CpuProfile,
  formatSelfTimeTable,
  packageOfFrame,
  selfTimeByPackage,
} from './cpu-profile-summary.js';

const frame = (url: string, functionName = 'work') => ({ functionName, url });

describe('packageOfFrame', () => {
  it('names the package a script belongs to, scoped names and workspace packages included', () => {
    expect(
      packageOfFrame(frame('file:///repo/node_modules/.pnpm/undici@7.30.2/node_modules/undici/lib/core.js')),
    ).toBe('undici');
    expect(
      packageOfFrame(
        frame('file:///repo/node_modules/.pnpm/@fastify+x@1/node_modules/@fastify/reply-from/index.js'),
      ),
    ).toBe('@fastify/reply-from');
    expect(packageOfFrame(frame('file:///repo/packages/runtime/src/call-budget.ts'))).toBe('@unidir/runtime');
    expect(packageOfFrame(frame('file:///repo/apps/server/src/app.ts'))).toBe('@unidir/server');
    expect(packageOfFrame(frame('node:internal/streams/writable'))).toBe('node:streams');
    expect(packageOfFrame(frame('node:net'))).toBe('node:net');
    expect(packageOfFrame(frame('', '(garbage collector)'))).toBe('V8 garbage collector');
    expect(packageOfFrame(frame('', 'JSONParse'))).toBe('V8 / native (builtins)');
  });
});

describe('selfTimeByPackage', () => {
  it('charges each sample the time until the next and leaves idle out of the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('', '(idle)') },
        { id: 2, callFrame: frame('file:///repo/packages/runtime/src/a.ts') },
        { id: 3, callFrame: frame('file:///repo/node_modules/undici/lib/b.js') },
      ],
      samples: [2, 3, 2, 1, 3],
      timeDeltas: [0, 300, 100, 100, 500],
    };
    const times = selfTimeByPackage([profile, profile]);
    expect(times).toEqual([
      { name: '@unidir/runtime', microseconds: 800, share: 0.8 },
      { name: 'undici', microseconds: 200, share: 0.2 },
    ]);
    expect(formatSelfTimeTable(times, 1)).toContain('| 1 | @unidir/runtime | 1 ms | 80.0% |');
  });
});

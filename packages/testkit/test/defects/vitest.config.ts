import { defineConfig } from 'vitest/config';

/** Runs the acme connector's deliberately broken variants through the conformance suite (see ../conformance-detects-defects.test.ts). */
export default defineConfig({
  resolve: { conditions: ['@unidir/source'] },
  ssr: { resolve: { conditions: ['@unidir/source'] } },
  test: { include: ['test/defects/*.conformance.ts'], testTimeout: 30_000, maxWorkers: 2, isolate: false },
});

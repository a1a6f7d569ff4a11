import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

/** Workspace packages resolve to each other's TypeScript source in tests, so no build is needed first. */
const sourceCondition = ['@unidir/source'];

export function defineUnidirProject(name: string, overrides: UserWorkspaceConfig = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: sourceCondition },
      ssr: { resolve: { conditions: sourceCondition } },
      test: {
        name,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    }),
    overrides,
  );
}

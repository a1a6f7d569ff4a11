import { defineConfig } from 'tsup';

/** Every package builds ESM and declarations the same way; only its entry points differ. */
export function defineUnidirBuild(entry: string[], options: { dts?: boolean } = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: options.dts ?? true,
    sourcemap: true,
    target: 'node20',
    tsconfig: '../../tsconfig.build.json',
  });
}

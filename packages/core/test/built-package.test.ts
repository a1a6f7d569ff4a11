import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const typescriptCompiler = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the built package', () => {
  // `pnpm test` builds first; a bare `vitest run` in this folder before any build has no dist/ to check.
  it.skipIf(!existsSync(`${packageRoot}/dist/index.d.ts`))(
    'lets a consumer import UnifiedUser and UserDirectoryConnectorV1 with types resolved from dist (needs `pnpm build` first)',
    async () => {
      const result = await promisify(execFile)(
        process.execPath,
        [typescriptCompiler, '-p', 'test/consumer/tsconfig.json', '--traceResolution'],
        { cwd: packageRoot, maxBuffer: 64 * 1024 * 1024 },
      );
      expect(result.stdout).toContain(
        `Module name '@unidir/core' was successfully resolved to '${packageRoot}dist/index.d.ts'`,
      );
    },
  );
});

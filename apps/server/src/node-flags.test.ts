import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recommendedNodeFlags } from './node-flags.js';

const startScriptOf = (packageJson: URL) =>
  (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } }).scripts.start;

describe('the recommended Node.js flags', () => {
  it('are the ones pnpm start runs the server with, from the repository and from the server package', () => {
    for (const packageJson of [
      new URL('../../../package.json', import.meta.url),
      new URL('../package.json', import.meta.url),
    ]) {
      expect(startScriptOf(packageJson)).toContain(`node ${recommendedNodeFlags.join(' ')} `);
    }
  });

  it('are accepted by this Node.js', () => {
    expect(
      execFileSync(process.execPath, [...recommendedNodeFlags, '-e', 'process.stdout.write("ok")'], {
        encoding: 'utf8',
      }),
    ).toBe('ok');
  });
});

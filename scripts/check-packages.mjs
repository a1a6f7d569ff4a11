#!/usr/bin/env node
// Checks every public @unidir/* package as it would be published: its publishConfig.exports must be its
// exports without the `@unidir/source` condition (which points at src/, not shipped), and the packed
// tarball must pass publint and arethetypeswrong. `--write` brings publishConfig.exports up to date;
// `--pack-to DIR` keeps the tarballs (the host-project test installs them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const sourceCondition = '@unidir/source';
const argumentsGiven = process.argv.slice(2);
const write = argumentsGiven.includes('--write');
const packToIndex = argumentsGiven.indexOf('--pack-to');
const packDirectory =
  packToIndex === -1 ? mkdtempSync(join(tmpdir(), 'unidir-pack-')) : resolve(argumentsGiven[packToIndex + 1]);
mkdirSync(packDirectory, { recursive: true });

function publicPackageDirectories() {
  const directories = [];
  for (const parent of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, parent))) {
      const directory = join(root, parent, name);
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (manifest.private !== true) directories.push(directory);
    }
  }
  return directories;
}

/** The exports map as published: the same entries, without the condition that points at the sources. */
function withoutSourceCondition(value) {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== sourceCondition)
      .map(([key, entry]) => [key, withoutSourceCondition(entry)]),
  );
}

const problems = [];
for (const directory of publicPackageDirectories()) {
  const manifestPath = join(directory, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const published = withoutSourceCondition(manifest.exports);
  if (JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(published)) {
    if (write) {
      manifest.publishConfig = { ...manifest.publishConfig, exports: published };
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    } else {
      problems.push(
        `${manifest.name}: publishConfig.exports differs from exports without "${sourceCondition}"`,
      );
      continue;
    }
  }
  const output = execFileSync('pnpm', ['pack', '--pack-destination', packDirectory], {
    cwd: directory,
    encoding: 'utf8',
  });
  const tarball = output.trim().split('\n').pop();
  const tarballPath = tarball.startsWith('/') ? tarball : join(packDirectory, tarball);
  const packedManifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarballPath, 'package/package.json'], { encoding: 'utf8' }),
  );
  if (JSON.stringify(packedManifest.exports).includes(sourceCondition)) {
    problems.push(`${manifest.name}: the packed exports still name "${sourceCondition}"`);
  }
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', 'run', tarballPath, '--strict']],
    ['attw', ['exec', 'attw', tarballPath, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      problems.push(`${manifest.name}: ${tool} failed\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
  console.log(`checked ${manifest.name}`);
}
console.log(`tarballs in ${packDirectory}`);
if (problems.length > 0) {
  console.error(problems.join('\n\n'));
  process.exit(1);
}

// Ships templates/rest-connector inside this package as `template/`, with the workspace's @unidir/*
// dependencies pinned to the versions published beside it, so a scaffolded connector installs from npm.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const packageDirectory = resolve(import.meta.dirname, '..');
const repository = resolve(packageDirectory, '../..');
const source = join(repository, 'templates/rest-connector');
const target = join(packageDirectory, 'template');
rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (path) => !/[\\/](node_modules|dist|\.turbo)([\\/]|$)/.test(path),
});
const manifestPath = join(target, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
for (const field of ['dependencies', 'devDependencies']) {
  for (const [name, range] of Object.entries(manifest[field] ?? {})) {
    if (range !== 'workspace:*') continue;
    const directory = name.replace('@unidir/', '');
    const { version } = JSON.parse(
      readFileSync(join(repository, 'packages', directory, 'package.json'), 'utf8'),
    );
    manifest[field][name] = `^${version}`;
  }
}
// A package.json inside a published package reads as a nested package to tools (publint): it ships as
// `_package.json`, and the scaffold names it back. npm drops .gitignore files; the scaffold writes one.
writeFileSync(join(target, '_package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
rmSync(manifestPath);

#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldConnector } from './scaffold.js';

const usage = `Usage: create-unidir-connector <folder> [--id <connector-id>] [--name "<Provider name>"]

Writes a unidir connector package into <folder>: a REST connector, a loopback fake of its provider, a
sandbox, the conformance suite, a README and changesets. Then: cd <folder> && npm install && npm test`;

function main(argv: readonly string[]): number {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { id: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const folder = positionals[0];
  if (values.help || folder === undefined || positionals.length > 1) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const result = scaffoldConnector({
    templateDirectory: join(import.meta.dirname, '..', 'template'),
    targetDirectory: folder,
    ...(values.id === undefined ? {} : { id: values.id }),
    ...(values.name === undefined ? {} : { displayName: values.name }),
  });
  process.stdout.write(
    `Created ${result.packageName} (connector id "${result.id}") in ${folder}:\n${result.files.map((file) => `  ${file}`).join('\n')}\n\nNext: cd ${folder} && npm install && npm test\n`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `create-unidir-connector: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}

#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { UnidirError } from '@unidir/core';
import { loadServerConfig } from './config/server-config.js';
import { offboardUsage, runOffboardCommand } from './offboarding/offboard-command.js';
import { generateApiToken, hashApiToken } from './security/api-tokens.js';
import { openStore } from './storage/open-store.js';

const usage = `Usage:
  unidir serve                                             runs the server (connectors from this folder's packages)
  unidir tokens create --tenant <tenant> [--name <name>]   prints a new API token (shown once)
  unidir migrate                                           applies database migrations
${offboardUsage}

The database is chosen like the server's: DATABASE_URL, else the SQLite file in UNIDIR_DATA_DIR.`;

const tenantPattern = /^[A-Za-z0-9_-]{1,64}$/;

async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'offboard') {
    return runOffboardCommand(argv.slice(1), {
      environment: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  }
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || (command !== 'tokens create' && command !== 'migrate')) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'tokens create' && !(values.tenant && tenantPattern.test(values.tenant))) {
    process.stderr.write('--tenant is required: 1-64 letters, digits, "_" or "-".\n');
    return 2;
  }
  const config = loadServerConfig(process.env);
  const store = openStore({
    dataDirectory: config.dataDirectory,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  try {
    await store.migrate();
    if (command === 'migrate') {
      process.stdout.write(`Migrations applied (${store.kind}).\n`);
      return 0;
    }
    const token = generateApiToken();
    await store.createApiToken({
      id: randomUUID(),
      tenantId: values.tenant as string,
      name: values.name ?? null,
      tokenHash: hashApiToken(token),
      createdAt: new Date().toISOString(),
    });
    process.stderr.write(
      `API token for tenant "${values.tenant}" (stored hashed: it cannot be shown again):\n`,
    );
    process.stdout.write(`${token}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

// `serve` hands the process to the server, which stays up until a signal stops it.
if (process.argv[2] === 'serve') await import('./main.js');
else runCommand();

function runCommand(): void {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `unidir: ${UnidirError.isInstance(error) || error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

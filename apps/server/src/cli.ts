#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { UnidirError } from '@unidir/core';
import { loadServerConfig } from './config/server-config.js';
import { offboardUsage, runOffboardCommand } from './offboarding/offboard-command.js';
import { issueApiToken, viewApiToken } from './security/api-token-issuer.js';
import { createEncryptor } from './security/encryption.js';
import { resolveEncryptionKey } from './security/encryption-key.js';
import { rotateEncryptionKeys } from './security/key-rotation.js';
import { apiTokenScopes } from './security/token-scopes.js';
import { openStore } from './storage/open-store.js';
import type { ApiTokenScope } from './storage/store.js';

const usage = `Usage:
  unidir serve                                             runs the server (connectors from this folder's packages)
  unidir tokens create --tenant <tenant> [--name <name>] [--scope read|write|admin] [--expires-in-days <n>]
                                                           prints a new API token (shown once; scope admin by default)
  unidir tokens list --tenant <tenant>                     lists the tenant's tokens (prefix, name, scope, dates)
  unidir tokens revoke --tenant <tenant> --id <id>         revokes a token
  unidir migrate                                           applies database migrations
  unidir keys rotate                                       re-encrypts every stored credential with
                                                           UNIDIR_ENCRYPTION_KEY (old keys listed in
                                                           UNIDIR_PREVIOUS_ENCRYPTION_KEYS); online, resumable
${offboardUsage}

The database is chosen like the server's: DATABASE_URL, else the SQLite file in UNIDIR_DATA_DIR.`;

const tenantPattern = /^[A-Za-z0-9_-]{1,64}$/;
const commands = ['tokens create', 'tokens list', 'tokens revoke', 'migrate', 'keys rotate'];

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
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string' },
      'expires-in-days': { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !commands.includes(command)) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (command.startsWith('tokens ') && !(values.tenant && tenantPattern.test(values.tenant))) {
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
    if (command === 'keys rotate') {
      const { key } = await resolveEncryptionKey({
        configuredKey: config.encryptionKey,
        usesPostgres: config.databaseUrl !== undefined,
        dataDirectory: config.dataDirectory,
      });
      const report = await rotateEncryptionKeys(store, createEncryptor(key, config.previousEncryptionKeys));
      process.stdout.write(
        `Re-encrypted ${report.reencrypted} credentials (${report.alreadyCurrent} already current, ${report.changedMeanwhile} changed meanwhile); dropped ${report.tokensDropped} cached tokens.\n`,
      );
      return 0;
    }
    const tenantId = values.tenant as string;
    if (command === 'tokens list') {
      for (const token of await store.listApiTokens(tenantId)) {
        process.stdout.write(`${JSON.stringify(viewApiToken(token))}\n`);
      }
      return 0;
    }
    if (command === 'tokens revoke') {
      if (!values.id) {
        process.stderr.write('--id is required (see `unidir tokens list`).\n');
        return 2;
      }
      const revoked = await store.revokeApiToken(tenantId, values.id, new Date().toISOString());
      process.stdout.write(
        revoked ? `Revoked ${values.id}.\n` : `No active token ${values.id} in "${tenantId}".\n`,
      );
      return revoked ? 0 : 1;
    }
    const scope = values.scope ?? 'admin';
    if (!(apiTokenScopes as readonly string[]).includes(scope)) {
      process.stderr.write('--scope must be read, write or admin.\n');
      return 2;
    }
    const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
      process.stderr.write('--expires-in-days must be a positive integer.\n');
      return 2;
    }
    const { token } = await issueApiToken(store, {
      tenantId,
      name: values.name ?? null,
      scope: scope as ApiTokenScope,
      expiresAt: days === undefined ? null : new Date(Date.now() + days * 86_400_000).toISOString(),
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

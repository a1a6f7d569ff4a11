#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { UnidirError } from '@unidir/core';
import { loadServerConfig } from './config/server-config.js';
import { generateApiToken, hashApiToken } from './security/api-tokens.js';
import { createEncryptor } from './security/encryption.js';
import { resolveEncryptionKey } from './security/encryption-key.js';
import { rotateEncryptionKeys } from './security/key-rotation.js';
import { openStore } from './storage/open-store.js';

const usage = `Usage:
  unidir tokens create --tenant <tenant> [--name <name>]   prints a new API token (shown once)
  unidir migrate                                           applies database migrations
  unidir keys rotate                                       re-encrypts every stored credential with
                                                           UNIDIR_ENCRYPTION_KEY (old keys listed in
                                                           UNIDIR_PREVIOUS_ENCRYPTION_KEYS); online, resumable

The database is chosen like the server's: DATABASE_URL, else the SQLite file in UNIDIR_DATA_DIR.`;

const tenantPattern = /^[A-Za-z0-9_-]{1,64}$/;

async function run(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || !['tokens create', 'migrate', 'keys rotate'].includes(command)) {
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

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `unidir: ${UnidirError.isInstance(error) || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@unidir/core';
import { parseEncryptionKey } from '../config/server-config.js';

export interface ResolvedEncryptionKey {
  key: Buffer;
  /** Set when the key was read from or written to the data directory. */
  generatedKeyPath?: string;
  generated: boolean;
}

/**
 * The key that encrypts credentials. PostgreSQL deployments must configure one (several processes share
 * the database); the embedded database generates one into its data directory on first run.
 */
export async function resolveEncryptionKey(options: {
  configuredKey: Buffer | undefined;
  usesPostgres: boolean;
  dataDirectory: string;
}): Promise<ResolvedEncryptionKey> {
  if (options.configuredKey) return { key: options.configuredKey, generated: false };
  if (options.usesPostgres) {
    throw new ValidationError({
      code: 'invalid_configuration',
      message:
        'UNIDIR_ENCRYPTION_KEY is required with DATABASE_URL: every server process must share one key. Generate it once with `openssl rand -base64 32` and keep it safe; credentials cannot be read without it.',
      details: { variable: 'UNIDIR_ENCRYPTION_KEY' },
    });
  }
  const path = join(options.dataDirectory, 'encryption.key');
  await mkdir(options.dataDirectory, { recursive: true, mode: 0o700 });
  try {
    const existing = await readFile(path, 'utf8');
    return { key: parseEncryptionKey(existing.trim(), path), generatedKeyPath: path, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // 'wx' fails if another process wrote the file first; then its key is the one to use.
  try {
    await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readFile(path, 'utf8');
    return { key: parseEncryptionKey(existing.trim(), path), generatedKeyPath: path, generated: false };
  }
  return { key, generatedKeyPath: path, generated: true };
}

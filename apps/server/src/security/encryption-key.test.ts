import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveEncryptionKey } from './encryption-key.js';

let dataDirectory: string;
beforeEach(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-key-'));
});
afterEach(() => rm(dataDirectory, { recursive: true, force: true }));

describe('resolveEncryptionKey', () => {
  it('generates a key file with mode 0600 on first run and reuses it after', async () => {
    const first = await resolveEncryptionKey({
      configuredKey: undefined,
      usesPostgres: false,
      dataDirectory,
    });
    expect(first.generated).toBe(true);
    const path = join(dataDirectory, 'encryption.key');
    expect(first.generatedKeyPath).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64')).toEqual(first.key);
    const second = await resolveEncryptionKey({
      configuredKey: undefined,
      usesPostgres: false,
      dataDirectory,
    });
    expect(second.generated).toBe(false);
    expect(second.key).toEqual(first.key);
  });

  it('refuses to start on PostgreSQL without a configured key', async () => {
    await expect(
      resolveEncryptionKey({ configuredKey: undefined, usesPostgres: true, dataDirectory }),
    ).rejects.toMatchObject({
      code: 'invalid_configuration',
      message: expect.stringContaining('UNIDIR_ENCRYPTION_KEY is required with DATABASE_URL'),
    });
  });

  it('uses the configured key and writes no file', async () => {
    const key = randomBytes(32);
    const resolved = await resolveEncryptionKey({ configuredKey: key, usesPostgres: true, dataDirectory });
    expect(resolved.key).toEqual(key);
    expect(resolved.generatedKeyPath).toBeUndefined();
  });
});

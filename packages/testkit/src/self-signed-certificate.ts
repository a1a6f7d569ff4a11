import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface SelfSignedCertificate {
  keyPem: string;
  certificatePem: string;
}

let pending: Promise<SelfSignedCertificate> | undefined;

/** A throwaway certificate for 127.0.0.1 and localhost, made once per process with the openssl CLI. */
export function selfSignedCertificate(): Promise<SelfSignedCertificate> {
  pending ??= generate().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function generate(): Promise<SelfSignedCertificate> {
  const directory = await mkdtemp(join(tmpdir(), 'unidir-testkit-tls-'));
  const keyPath = join(directory, 'key.pem');
  const certificatePath = join(directory, 'certificate.pem');
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certificatePath,
    ]);
    const [keyPem, certificatePem] = await Promise.all([
      readFile(keyPath, 'utf8'),
      readFile(certificatePath, 'utf8'),
    ]);
    return { keyPem, certificatePem };
  } catch (error) {
    throw new Error('A fake provider with tls: true needs the openssl CLI (openssl req -x509) on PATH.', {
      cause: error,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

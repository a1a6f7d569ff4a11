import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const apiTokenPrefix = 'unidir_';
/** Shorter bearer values are refused before any lookup (an empty or trivial token never matches). */
export const minimumApiTokenLength = 24;

/** A new high-entropy token; prefixed so secret scanners can recognise leaked ones. */
export function generateApiToken(): string {
  return `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 suffices for random tokens (PBKDF2 is for low-entropy passwords); only the hash is stored. The
 * one-shot `hash` runs on every request: it costs a third of a `createHash` object's setup.
 */
export function hashApiToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function hashesEqual(storedHash: string, computedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  const computed = Buffer.from(computedHash, 'hex');
  return stored.length === computed.length && timingSafeEqual(stored, computed);
}

/** The bearer value of an Authorization header, or undefined when it is missing, malformed or too short. */
export function readBearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const token = match?.[1];
  return token !== undefined && token.length >= minimumApiTokenLength ? token : undefined;
}

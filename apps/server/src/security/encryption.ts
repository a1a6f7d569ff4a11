import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { UnidirError } from '@unidir/core';

/** Encrypts values at rest with AES-256-GCM, binding each ciphertext to the row it belongs to. */
export interface Encryptor {
  /** A short fingerprint of the key, stored with every ciphertext so a key change is detected, not misread. */
  readonly keyId: string;
  /** `associatedData` names the owner (tenant and account): a ciphertext moved to another row fails to open. */
  encrypt(plaintext: string, associatedData: string): string;
  decrypt(envelope: string, associatedData: string): string;
  /** Whether the envelope was sealed with a key of this keyring (without opening it). */
  holdsKeyOf(envelope: string): boolean;
  /** Whether the envelope was sealed with the current key (otherwise rotation re-encrypts it). */
  isCurrent(envelope: string): boolean;
}

interface Envelope {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export class DecryptionError extends UnidirError {
  constructor(message: string) {
    super({ message, code: 'decryption_failed', httpStatus: 500, name: 'DecryptionError' });
  }
}

/**
 * The key list cursors are signed with, derived from the encryption key so that every process sharing a
 * database, and the same process after a restart, accepts the cursors the others issued.
 */
export function cursorSigningKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('unidir-cursor-signing-key').digest();
}

/**
 * The key idempotency request hashes are computed with: a stored hash of a body holding a password cannot
 * be checked against guesses without it.
 */
export function requestHashKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('unidir-idempotency-request-hash').digest();
}

/** The key binding list cursors to the integrated account that issued them. */
export function accountCursorKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('unidir-account-cursor-binding').digest();
}

export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('unidir-key-id').update(key).digest('hex').slice(0, 16);
}

function keyIdOf(serialized: string): string | undefined {
  try {
    const kid = (JSON.parse(serialized) as Partial<Envelope>).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A keyring: `key` encrypts, and it and every `previousKeys` entry decrypt, so a key can be replaced
 * while rows sealed with the old one are re-encrypted (`unidir keys rotate`).
 */
export function createEncryptor(key: Buffer, previousKeys: readonly Buffer[] = []): Encryptor {
  if ([key, ...previousKeys].some((candidate) => candidate.length !== 32))
    throw new TypeError('Every encryption key must be 32 bytes.');
  const keyId = encryptionKeyId(key);
  const keyring = new Map([key, ...previousKeys].map((candidate) => [encryptionKeyId(candidate), candidate]));
  return {
    holdsKeyOf: (serialized) => keyring.has(keyIdOf(serialized) ?? ''),
    isCurrent: (serialized) => keyIdOf(serialized) === keyId,
    keyId,
    encrypt(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const envelope: Envelope = {
        v: 1,
        kid: keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      return JSON.stringify(envelope);
    },
    decrypt(serialized, associatedData) {
      let envelope: Envelope;
      try {
        envelope = JSON.parse(serialized) as Envelope;
      } catch {
        throw new DecryptionError('A stored secret is not an encryption envelope.');
      }
      const sealingKey = keyring.get(envelope.kid);
      if (!sealingKey) {
        throw new DecryptionError(
          'A stored secret was encrypted with a key this server does not have. Restore the original UNIDIR_ENCRYPTION_KEY (or list it in UNIDIR_PREVIOUS_ENCRYPTION_KEYS).',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(envelope.iv, 'base64'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
        return Buffer.concat([
          decipher.update(Buffer.from(envelope.data, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new DecryptionError(
          'A stored secret failed its integrity check (tampered, or moved to another row).',
        );
      }
    },
  };
}

/** The associated data binding a secret to its tenant and account (and, for tokens, its cache key). */
export function accountAssociatedData(tenantId: string, accountId: string, purpose: string): string {
  return JSON.stringify([tenantId, accountId, purpose]);
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountAssociatedData, createEncryptor } from './encryption.js';

const encryptor = createEncryptor(randomBytes(32));
const owner = accountAssociatedData('acme', 'account-1', 'credentials');

function flipFirstBit(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

describe('createEncryptor', () => {
  it.each(['', 'secret', 'ünïcödé 🔑 秘密', JSON.stringify({ client_secret: 'x'.repeat(10_000) })])(
    'round-trips %#',
    (plaintext) => {
      expect(encryptor.decrypt(encryptor.encrypt(plaintext, owner), owner)).toBe(plaintext);
    },
  );

  it('uses a fresh IV each time, so equal secrets never look equal', () => {
    expect(encryptor.encrypt('same', owner)).not.toBe(encryptor.encrypt('same', owner));
  });

  it('stores the key id and never the plaintext', () => {
    const envelope = JSON.parse(encryptor.encrypt('top-secret-value', owner));
    expect(envelope.kid).toBe(encryptor.keyId);
    expect(JSON.stringify(envelope)).not.toContain('top-secret-value');
  });

  it.each(['data', 'iv', 'tag'])('refuses a ciphertext whose %s was tampered with', (field) => {
    const envelope = JSON.parse(encryptor.encrypt('secret', owner));
    envelope[field] = flipFirstBit(envelope[field]);
    expect(() => encryptor.decrypt(JSON.stringify(envelope), owner)).toThrow(
      expect.objectContaining({ code: 'decryption_failed' }),
    );
  });

  it('refuses a ciphertext moved to another account or tenant (row swap)', () => {
    const envelope = encryptor.encrypt('secret', owner);
    for (const other of [
      accountAssociatedData('acme', 'account-2', 'credentials'),
      accountAssociatedData('globex', 'account-1', 'credentials'),
      accountAssociatedData('acme', 'account-1', 'token:x'),
    ]) {
      expect(() => encryptor.decrypt(envelope, other)).toThrow(
        expect.objectContaining({ code: 'decryption_failed' }),
      );
    }
  });

  it('names the key mismatch when the key changed', () => {
    const envelope = encryptor.encrypt('secret', owner);
    const other = createEncryptor(randomBytes(32));
    expect(() => other.decrypt(envelope, owner)).toThrow(/does not have/);
    // Key ids stay out of messages, which reach API responses.
    expect(() => other.decrypt(envelope, owner)).not.toThrow(encryptor.keyId);
    expect(() => other.decrypt(envelope, owner)).not.toThrow(other.keyId);
  });

  it('decrypts with a previous key of its keyring and encrypts with the current one', () => {
    const previous = randomBytes(32);
    const sealed = createEncryptor(previous).encrypt('secret', owner);
    const keyring = createEncryptor(randomBytes(32), [previous]);
    expect(keyring.decrypt(sealed, owner)).toBe('secret');
    expect(keyring.isCurrent(sealed)).toBe(false);
    expect(keyring.isCurrent(keyring.encrypt('secret', owner))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { SecretRegistry } from './secret-registry.js';

describe('SecretRegistry', () => {
  it('scrubs every secret string of an account, nested or JSON-escaped', () => {
    const secrets = new SecretRegistry();
    secrets.set('account-1', {
      client_secret: 's3cr3t"value\\x',
      nested: { private_key: '-----BEGIN KEY-----\nabc' },
      port: 443,
    });
    const line = JSON.stringify({ message: 'failed with s3cr3t"value\\x', key: '-----BEGIN KEY-----\nabc' });
    expect(secrets.scrub(line)).not.toContain('s3cr3t');
    expect(secrets.scrub(line)).not.toContain('BEGIN KEY');
    expect(secrets.scrub('plain s3cr3t"value\\x')).toBe('plain [REDACTED]');
  });

  it('ignores values too short to be secrets, and forgets an account once deleted', () => {
    const secrets = new SecretRegistry();
    secrets.set('account-1', { region: 'eu', client_secret: 'long-enough-secret' });
    secrets.set('account-2', { client_secret: 'long-enough-secret' });
    expect(secrets.scrub('eu long-enough-secret')).toBe('eu [REDACTED]');
    secrets.delete('account-1');
    expect(secrets.scrub('long-enough-secret')).toBe('[REDACTED]');
    secrets.delete('account-2');
    expect(secrets.scrub('long-enough-secret')).toBe('long-enough-secret');
  });
});

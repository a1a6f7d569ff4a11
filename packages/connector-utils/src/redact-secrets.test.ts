import { describe, expect, it } from 'vitest';
import { createSecretRedactor, redactSecrets, redactSecretsDeep } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes every occurrence of each secret, raw and URL-encoded', () => {
    const secret = 'p@ss word/1';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${secret}`;
    expect(redactSecrets(text, [secret])).toBe('a [REDACTED] b [REDACTED] c [REDACTED]');
  });

  it('scrubs keys and values inside parsed JSON', () => {
    expect(redactSecretsDeep({ list: ['xsecretx', 1], secret: { nested: 'secret' } }, ['secret'])).toEqual({
      list: ['x[REDACTED]x', 1],
      '[REDACTED]': { nested: '[REDACTED]' },
    });
  });
});

describe('createSecretRedactor', () => {
  const redactor = createSecretRedactor(['client-secret-value', 'a b/c']);

  it('returns a value without secrets as it is, not a copy', () => {
    const record = {
      id: 'u1',
      names: ['Ada', 'Lovelace'],
      remote_data: { nested: { mail: 'ada@example.com' } },
    };
    expect(redactor.deep(record)).toBe(record);
  });

  it('copies only the parts that held a secret, keeping the order of keys and items', () => {
    const untouched = { keep: 'this' };
    const record = {
      first: untouched,
      second: ['x', 'echo client-secret-value', 'y'],
      third: { 'a%20b%2Fc': 1 },
    };
    const redacted = redactor.deep(record) as typeof record;
    expect(redacted).toEqual({
      first: { keep: 'this' },
      second: ['x', 'echo [REDACTED]', 'y'],
      third: { '[REDACTED]': 1 },
    });
    expect(Object.keys(redacted)).toEqual(['first', 'second', 'third']);
    expect(redacted.first).toBe(untouched);
    expect(record.second[1]).toBe('echo client-secret-value');
  });

  it('leaves numbers, booleans and null alone', () => {
    expect(redactor.deep([1, true, null])).toEqual([1, true, null]);
  });
});

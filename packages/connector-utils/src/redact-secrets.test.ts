import { describe, expect, it } from 'vitest';
import { redactSecrets, redactSecretsDeep } from './redact-secrets.js';

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

import { describe, expect, it } from 'vitest';
import {
  apiTokenPrefix,
  generateApiToken,
  hashApiToken,
  hashesEqual,
  readBearerToken,
} from './api-tokens.js';

describe('API tokens', () => {
  it('are prefixed, random, and stored as a SHA-256 hash', () => {
    const token = generateApiToken();
    expect(token.startsWith(apiTokenPrefix)).toBe(true);
    expect(generateApiToken()).not.toBe(token);
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashesEqual(hashApiToken(token), hashApiToken(token))).toBe(true);
    expect(hashesEqual(hashApiToken(token), hashApiToken(`${token}x`))).toBe(false);
  });

  it.each([
    undefined,
    '',
    'Bearer',
    'Bearer ',
    'Bearer short',
    'Basic dXNlcjpwYXNz',
    `Token ${'a'.repeat(40)}`,
  ])('reads no token from %j', (header) => {
    expect(readBearerToken(header)).toBeUndefined();
  });

  it('reads the bearer value, whatever the scheme case', () => {
    const token = generateApiToken();
    expect(readBearerToken(`Bearer ${token}`)).toBe(token);
    expect(readBearerToken(`bearer ${token}`)).toBe(token);
  });
});

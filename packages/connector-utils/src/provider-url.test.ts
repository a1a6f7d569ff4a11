import { describe, expect, it } from 'vitest';
import { buildProviderUrl, describeUrlForLog } from './provider-url.js';
import { createSecretRedactor } from './redact-secrets.js';

describe('buildProviderUrl', () => {
  const base = new URL('https://graph.example.test/v1.0/');

  it('keeps the base path, encodes each segment whole and appends the query in order', () => {
    const url = buildProviderUrl(base, ['users', 'a/b?c#d%2F', 'ünï'], {
      $select: 'id,mail',
      $top: 5,
      $count: true,
      skip: undefined,
      tag: ['x y', 'a&b=c'],
    });
    expect(url.href).toBe(
      'https://graph.example.test/v1.0/users/a%2Fb%3Fc%23d%252F/%C3%BCn%C3%AF?$select=id%2Cmail&$top=5&$count=true&tag=x%20y&tag=a%26b%3Dc',
    );
    expect(url.pathname.split('/')).toHaveLength(5);
  });

  it('adds no "?" without query values', () => {
    expect(buildProviderUrl(base, ['users'], { skip: undefined }).href).toBe(
      'https://graph.example.test/v1.0/users',
    );
    expect(buildProviderUrl(new URL('https://api.example.test'), ['v1', 'users']).href).toBe(
      'https://api.example.test/v1/users',
    );
  });

  it('refuses segments that would change the level', () => {
    for (const segment of ['', '.', '..']) {
      expect(() => buildProviderUrl(base, ['users', segment])).toThrow(/path segment/);
    }
  });
});

describe('describeUrlForLog', () => {
  const redactor = createSecretRedactor(['s3cr3t-value']);

  it('masks credential query parameters and the account secrets without touching the URL it describes', () => {
    const url = new URL('https://api.example.test/users/s3cr3t-value?key=abc&Access_Token=def&page=2');
    expect(describeUrlForLog(url, redactor)).toBe(
      'https://api.example.test/users/[REDACTED]?key=REDACTED&Access_Token=REDACTED&page=2',
    );
    expect(url.searchParams.get('key')).toBe('abc');
  });

  it('describes a URL without credentials as it is', () => {
    const url = new URL('https://api.example.test/users?$top=5');
    expect(describeUrlForLog(url, redactor)).toBe('https://api.example.test/users?$top=5');
  });
});

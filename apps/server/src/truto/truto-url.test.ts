import { describe, expect, it } from 'vitest';
import { rewriteTrutoUrl } from './truto-url.js';

describe('rewriteTrutoUrl', () => {
  it.each([
    [
      '//unified/user-directory/users?integrated_account_id=a',
      '/unified/user-directory/users?integrated_account_id=a',
    ],
    ['/unified/user-directory/users/?limit=2', '/unified/user-directory/users?limit=2'],
    ['/integrated-account?next_cursor=', '/integrated-accounts?next_cursor='],
    ['/integrated-account/abc', '/integrated-accounts/abc'],
    ['/integrated-account/refresh-credentials', '/integrated-accounts/refresh-credentials'],
    ['/integration/azure-ad', '/integrations/azure-ad'],
    ['/integrations', '/integrations'],
    ['/', '/'],
  ])('routes %s as %s', (given, routed) => {
    expect(rewriteTrutoUrl(given)).toBe(routed);
  });

  it('leaves slashes inside the query string alone', () => {
    expect(rewriteTrutoUrl('/unified//x?remote_query[filter]=a//b/')).toBe(
      '/unified/x?remote_query[filter]=a//b/',
    );
  });

  it('does not rename paths that only start with the same letters', () => {
    expect(rewriteTrutoUrl('/integrated-accounts-export')).toBe('/integrated-accounts-export');
    expect(rewriteTrutoUrl('/integrations-x')).toBe('/integrations-x');
  });
});

import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it("reads Okta's Link headers, quoted or not, several relations per link", () => {
    const value =
      '<https://acme.okta.com/api/v1/users?limit=200>; rel="self", <https://acme.okta.com/api/v1/users?after=00u1&limit=200>; rel="next"';
    expect(parseLinkHeader(value)).toEqual({
      self: 'https://acme.okta.com/api/v1/users?limit=200',
      next: 'https://acme.okta.com/api/v1/users?after=00u1&limit=200',
    });
    expect(parseLinkHeader('<https://x/2>; title="a, b"; rel="next last", <https://x/1>;rel=prev')).toEqual({
      next: 'https://x/2',
      last: 'https://x/2',
      prev: 'https://x/1',
    });
  });

  it('returns nothing for an absent or relation-less header', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('<https://x/2>')).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidSearchError, matchesSearch, parseSearch } from './okta-fake-search.js';

const user = {
  id: '00u1',
  status: 'ACTIVE',
  lastUpdated: '2024-03-01T10:00:00.000Z',
  profile: { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', department: 'Engineering' },
};

const matches = (expression: string, mode: 'search' | 'filter' = 'search') =>
  matchesSearch(parseSearch(expression, mode), user, mode);

describe("the fake's search and filter expressions", () => {
  it('compares case-insensitively in search, case-sensitively in filter', () => {
    expect(matches('profile.email eq "ada@example.com"')).toBe(true);
    expect(matches('profile.email eq "ada@example.com"', 'filter')).toBe(false);
    expect(matches('profile.email eq "Ada@Example.com"', 'filter')).toBe(true);
  });

  it('binds and tighter than or, and honours parentheses', () => {
    expect(matches('status eq "SUSPENDED" and profile.firstName eq "Ada" or id eq "00u1"')).toBe(true);
    expect(matches('status eq "SUSPENDED" and (profile.firstName eq "Ada" or id eq "00u1")')).toBe(false);
  });

  it('compares dates as dates, and knows sw, co and pr', () => {
    expect(matches('lastUpdated gt "2024-02-29T23:59:59Z"')).toBe(true);
    expect(matches('lastUpdated lt "2024-03-01T10:00:00.000Z"')).toBe(false);
    expect(matches('profile.lastName sw "love"')).toBe(true);
    expect(matches('profile.lastName co "lace"')).toBe(true);
    expect(matches('profile.department pr')).toBe(true);
    expect(matches('profile.title pr')).toBe(false);
    expect(matches('profile.firstName eq "A\\"da"')).toBe(false);
  });

  it("refuses what Okta refuses: ne, co outside names and emails, and filter's narrow grammar", () => {
    for (const [expression, mode] of [
      ['status ne "ACTIVE"', 'search'],
      ['profile.department co "Eng"', 'search'],
      ['profile.department eq "Engineering"', 'filter'],
      ['status sw "ACT"', 'filter'],
      ['status pr', 'filter'],
      ['(status eq "ACTIVE"', 'search'],
      ['status eq', 'search'],
    ] as const) {
      expect(() => parseSearch(expression, mode), expression).toThrow(InvalidSearchError);
    }
  });
});

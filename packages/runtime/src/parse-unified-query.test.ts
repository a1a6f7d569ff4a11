import { UnidirError } from '@unidir/core';
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { parseUnifiedQuery, unifiedQueryLimits } from './parse-unified-query.js';

function refusal(queryString: string): UnidirError {
  try {
    parseUnifiedQuery(queryString);
  } catch (error) {
    if (UnidirError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`"${queryString.slice(0, 60)}" was accepted`);
}

describe('parseUnifiedQuery', () => {
  it('parses every query shape the Truto SDK writes with qs', () => {
    expect(parseUnifiedQuery('truto_exclude_fields%5B0%5D=id&truto_exclude_fields%5B1%5D=name')).toEqual({
      truto_exclude_fields: ['id', 'name'],
    });
    expect(parseUnifiedQuery('truto_exclude_fields[]=id&truto_exclude_fields[]=emails.type')).toEqual({
      truto_exclude_fields: ['id', 'emails.type'],
    });
    expect(parseUnifiedQuery('remote_query[foo]=bar&remote_query[$select]=id,mail')).toEqual({
      remote_query: { foo: 'bar', $select: 'id,mail' },
    });
    expect(parseUnifiedQuery('emails[0][email]=a%40b.c&emails[0][type]=work&emails[1][email]=d@e.f')).toEqual(
      {
        emails: [{ email: 'a@b.c', type: 'work' }, { email: 'd@e.f' }],
      },
    );
    expect(parseUnifiedQuery('created_at[gte]=2026-01-01T00:00:00.000Z&limit=10&next_cursor=')).toEqual({
      created_at: { gte: '2026-01-01T00:00:00.000Z' },
      limit: '10',
      next_cursor: '',
    });
  });

  it('reads what qs.stringify writes, in every array format', () => {
    const query = {
      integrated_account_id: '62f44730-dd91-461e-bd6a-aedd9e0ad79d',
      truto_exclude_fields: ['id', 'remote_data'],
      remote_query: { foo: 'bar baz&qux' },
      emails: [{ email: 'a+b@c.d', is_primary: 'true' }],
    };
    for (const arrayFormat of ['indices', 'brackets'] as const) {
      expect(parseUnifiedQuery(qs.stringify(query, { arrayFormat }))).toEqual(query);
    }
  });

  it('ignores a leading question mark', () => {
    expect(parseUnifiedQuery('?limit=5')).toEqual({ limit: '5' });
    expect(parseUnifiedQuery('')).toEqual({});
  });

  it('turns a huge array index into an object key instead of allocating a sparse array', () => {
    const parsed = parseUnifiedQuery('emails[99999999][email]=a@b.c');
    expect(parsed).toEqual({ emails: { '99999999': { email: 'a@b.c' } } });
  });

  it('refuses queries past the parameter, array and depth limits', () => {
    const manyParameters = Array.from(
      { length: unifiedQueryLimits.parameterLimit + 1 },
      (_, index) => `p${index}=1`,
    );
    expect(refusal(manyParameters.join('&')).code).toBe('invalid_query');
    const longArray = Array.from({ length: unifiedQueryLimits.arrayLimit + 1 }, () => 'a[]=1');
    expect(refusal(longArray.join('&')).code).toBe('invalid_query');
    expect(refusal('a[b][c][d][e][f][g]=1').message).toMatch(/too deeply nested/);
    expect(refusal('a[b][c][d][e][f][g]=1').httpStatus).toBe(400);
  });

  it('refuses prototype keys at any depth and in any encoding', () => {
    for (const query of [
      '__proto__[polluted]=yes',
      'remote_query[__proto__][polluted]=yes',
      'a[constructor][prototype][polluted]=yes',
      'remote_query%5B__proto__%5D=x',
      '%5F%5Fproto%5F%5F=x',
      'constructor=x',
    ]) {
      const error = refusal(query);
      expect(error.code).toBe('invalid_query');
      expect(error.httpStatus).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps words that merely contain a prototype key', () => {
    expect(parseUnifiedQuery('remote_query[constructor_id]=1')).toEqual({
      remote_query: { constructor_id: '1' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { keyedResult } from './response-bodies.js';

describe('keyedResult (truto_key_by)', () => {
  it('keys records by a field, numbers as text', () => {
    expect(keyedResult([{ id: 'a' }, { id: 7 }], 'id')).toEqual({ a: { id: 'a' }, '7': { id: 7 } });
  });

  it('refuses a value two records share rather than dropping one', () => {
    expect(() => keyedResult([{ status: 'active' }, { status: 'active' }], 'status')).toThrow(
      /two records share "active"/,
    );
  });

  it('keeps a key named __proto__ as a plain field', () => {
    const keyed = keyedResult([{ id: '__proto__' }], 'id');
    expect(Object.keys(keyed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(keyed)).toBe(Object.prototype);
  });
});

import { ValidationError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { mergeRemoteQuery } from './remote-query.js';

describe('mergeRemoteQuery', () => {
  it("adds the caller's parameters to the connector's, stringifying the connector's values", () => {
    expect(
      mergeRemoteQuery(
        { $top: 100, $count: true, skip: undefined },
        { $search: '"displayName:ada"', tag: ['a', 'b'] },
      ),
    ).toEqual({
      $top: '100',
      $count: 'true',
      $search: '"displayName:ada"',
      tag: ['a', 'b'],
    });
  });

  it('refuses to override a key the connector sets or reserves, whatever its case, width, spaces or NULs', () => {
    for (const [remoteQuery, reserved] of [
      [{ $filter: "startswith(mail,'a')" }, []],
      [{ $FILTER: 'x' }, []],
      [{ customer: 'other-customer' }, ['customer']],
      [{ ' $filter': 'x' }, []],
      [{ '$filter\u0000': 'x' }, []],
      [{ $ｆｉｌｔｅｒ: 'x' }, []],
      [{ '\tCustomer ': 'other-customer' }, ['customer']],
    ] as const) {
      let error: unknown;
      try {
        mergeRemoteQuery({ $filter: 'accountEnabled eq true' }, remoteQuery, reserved);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'remote_query_conflict', httpStatus: 400 });
    }
  });
});

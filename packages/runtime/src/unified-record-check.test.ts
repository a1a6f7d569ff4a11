import { unifiedRecordSchemas } from '@unidir/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUnifiedRecordCheck } from './unified-record-check.js';

const checkUser = createUnifiedRecordCheck('users');
const zodVerdict = (record: object) => unifiedRecordSchemas.users.safeParse(record);

describe('createUnifiedRecordCheck', () => {
  it("accepts a valid record with the provider's record as remote_data", () => {
    const record = { id: 'u1', emails: [{ email: 'a@b.test' }], remote_data: { id: 'u1', nested: [1, {}] } };
    expect(checkUser(record)).toEqual({ success: true });
  });

  it("answers zod's own issues for an invalid record", () => {
    const record = { id: '', emails: 'a@b.test', remote_data: { id: 'u1' } };
    const checked = checkUser(record);
    expect(checked.success).toBe(false);
    expect(checked.success ? [] : checked.error.issues).toEqual(zodVerdict(record).error?.issues);
  });

  it('gives zod the whole record when remote_data is not plainly a record', () => {
    for (const remoteData of [['a'], 'text', null, new Map(), { [Symbol('key')]: 1 }, Object.create(null)]) {
      const record = { id: 'u1', remote_data: remoteData };
      expect(checkUser(record).success).toBe(zodVerdict(record).success);
    }
  });

  it("agrees with zod's verdict on any record", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            id: fc.oneof(fc.string(), fc.integer()),
            name: fc.oneof(fc.string(), fc.constant(undefined), fc.boolean()),
            emails: fc.oneof(fc.array(fc.record({ email: fc.string() })), fc.string()),
            remote_data: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.jsonValue())),
          },
          { requiredKeys: [] },
        ),
        (record) => {
          expect(checkUser(record).success).toBe(zodVerdict(record).success);
        },
      ),
      { numRuns: 500 },
    );
  });
});

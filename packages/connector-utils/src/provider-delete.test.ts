import { describe, expect, it } from 'vitest';
import { deleteActionOutcome, deleteRequest } from './provider-delete.js';

describe('deleteRequest', () => {
  it('marks the DELETE as repeatable and a 404 on a retry as already done', () => {
    expect(deleteRequest(['users', 'u1'], 'delete user')).toEqual({
      method: 'DELETE',
      path: ['users', 'u1'],
      idempotent: true,
      notFoundOnRetryMeansDone: true,
      description: 'delete user',
    });
  });
});

describe('deleteActionOutcome', () => {
  it.each([
    ['sent', 'done'],
    ['already_done', 'already_done'],
    ['planned', 'planned'],
  ] as const)('%s becomes %s', (outcome, expected) => {
    expect(deleteActionOutcome(outcome)).toBe(expected);
  });
});

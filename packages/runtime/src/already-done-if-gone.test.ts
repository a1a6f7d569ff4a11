import { NotFoundError, ProviderTimeoutError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { alreadyDoneIfGone } from './already-done-if-gone.js';

const gone = new NotFoundError({ message: 'User u1 was not found.' });

describe('alreadyDoneIfGone', () => {
  it('answers a delete whose object is gone as already done', () => {
    expect(alreadyDoneIfGone('delete', { id: 'u1' }, gone)).toEqual({
      id: 'u1',
      actions: [{ action: 'already_gone', target: 'u1', outcome: 'already_done' }],
    });
  });

  it('answers a removal from a group as already done', () => {
    expect(alreadyDoneIfGone('removeUser', { group_id: 'g1', user_id: 'u1' }, gone)).toEqual({
      group_id: 'g1',
      user_id: 'u1',
      action: 'remove_from_group',
      outcome: 'already_done',
    });
  });

  it('rethrows other failures, and not found for operations it proves nothing about', () => {
    const timeout = new ProviderTimeoutError({ message: 'The provider did not answer in time.' });
    expect(() => alreadyDoneIfGone('delete', { id: 'u1' }, timeout)).toThrow(timeout);
    expect(() => alreadyDoneIfGone('update', { id: 'u1' }, gone)).toThrow(gone);
    expect(() => alreadyDoneIfGone('addUser', { group_id: 'g1', user_id: 'u1' }, gone)).toThrow(gone);
  });

  it('says an earlier attempt may have acted when the user was named by email', () => {
    expect(() => alreadyDoneIfGone('delete', { emails: [{ email: 'ada@example.test' }] }, gone)).toThrow(
      /may already have deleted or deactivated them/,
    );
  });
});

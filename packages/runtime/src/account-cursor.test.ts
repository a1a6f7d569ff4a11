import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountCursorBinding, listScope } from './account-cursor.js';

describe('createAccountCursorBinding', () => {
  const binding = createAccountCursorBinding(randomBytes(32));

  it('gives back the connector cursor to the account it was bound to', () => {
    const bound = binding.bind('account-a', 'connector~cursor.sig');
    expect(binding.unbind('account-a', bound)).toBe('connector~cursor.sig');
  });

  it.each([
    ['another account', (bound: string) => ['account-b', bound]],
    ['a changed connector cursor', (bound: string) => ['account-a', `x${bound}`]],
    ['a missing tag', () => ['account-a', 'connector-cursor']],
    ['another key', () => ['account-a', createAccountCursorBinding(randomBytes(32)).bind('account-a', 'c')]],
  ])('refuses %s with invalid_cursor', (_case, arrange) => {
    const [accountId, cursor] = arrange(binding.bind('account-a', 'connector-cursor')) as [string, string];
    expect(() => binding.unbind(accountId, cursor)).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    );
  });

  it('binds a cursor to its resource and filters, not to the page size', () => {
    const scope = listScope('account-a', 'users', { group_id: 'g1', limit: 10, cursor: 'x' });
    const bound = binding.bind(scope, 'connector-cursor');
    const samePageSizeChanged = listScope('account-a', 'users', { group_id: 'g1', limit: 50 });
    expect(binding.unbind(samePageSizeChanged, bound)).toBe('connector-cursor');
    for (const other of [
      listScope('account-a', 'activities', { group_id: 'g1' }),
      listScope('account-a', 'users', { group_id: 'g1', email: 'foo@bar.test' }),
      listScope('account-a', 'users', {}),
      listScope('account-a', 'users', { group_id: 'g1', remote_query: { $filter: 'x' } }),
    ]) {
      expect(() => binding.unbind(other, bound)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});

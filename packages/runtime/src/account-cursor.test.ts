import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountCursorBinding } from './account-cursor.js';

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
});

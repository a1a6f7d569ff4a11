import { describe, expect, it } from 'vitest';
import { assertWritableFields } from './writable-fields.js';

describe('assertWritableFields', () => {
  const writable = ['first_name', 'emails'];

  it('accepts writable fields and ignores fields given as undefined', () => {
    expect(() =>
      assertWritableFields({ first_name: 'Ada', avatar: undefined }, writable, { reason: 'cannot' }),
    ).not.toThrow();
  });

  it('refuses the first field the provider cannot store, naming it and what is writable', () => {
    expect(() =>
      assertWritableFields({ first_name: 'Ada', avatar: 'a.png' }, writable, {
        reason: 'the provider has no avatar',
        parameterPrefix: 'body.',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'unsupported_parameter',
        parameter: 'body.avatar',
        supported: writable,
        message: expect.stringContaining('the provider has no avatar'),
      }),
    );
  });
});

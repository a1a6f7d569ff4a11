import { UnidirError } from '@unidir/core';

/** A create or update would give a second user an email address or username that is already taken. */
export class DuplicateError extends UnidirError {
  readonly field: 'email' | 'username';

  constructor(options: { field: 'email' | 'username'; value: string }) {
    super({
      message: `A user with ${options.field} "${options.value}" already exists.`,
      code: 'already_exists',
      httpStatus: 409,
      name: 'DuplicateError',
      details: { field: options.field },
    });
    this.field = options.field;
  }
}

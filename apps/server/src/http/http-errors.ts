import { UnidirError } from '@unidir/core';

/** Our own API token is missing or wrong: distinct from a provider rejecting an account's credentials. */
export class UnauthorizedError extends UnidirError {
  constructor() {
    super({
      message:
        'Send a valid API token: `Authorization: Bearer <token>` (create one with `unidir tokens create`).',
      code: 'unauthorized',
      httpStatus: 401,
      name: 'UnauthorizedError',
    });
  }
}

export class IdempotencyError extends UnidirError {
  constructor(options: {
    code: 'idempotency_key_mismatch' | 'idempotency_key_in_use' | 'invalid_idempotency_key';
    message: string;
  }) {
    const httpStatus = {
      idempotency_key_mismatch: 422,
      idempotency_key_in_use: 409,
      invalid_idempotency_key: 400,
    }[options.code];
    super({
      ...options,
      httpStatus,
      name: 'IdempotencyError',
      isRetryable: options.code === 'idempotency_key_in_use',
    });
  }
}

export class RouteNotFoundError extends UnidirError {
  constructor(method: string, path: string) {
    super({
      message: `No route ${method} ${path}.`,
      code: 'route_not_found',
      httpStatus: 404,
      name: 'RouteNotFoundError',
    });
  }
}

/** A mutating call ran (or was refused) but its audit entry could not be written. */
export class AuditWriteError extends UnidirError {
  constructor() {
    super({
      message:
        'The call finished but its audit entry could not be written, so its outcome is unrecorded: check the provider state before repeating it.',
      code: 'audit_write_failed',
      httpStatus: 500,
      name: 'AuditWriteError',
    });
  }
}

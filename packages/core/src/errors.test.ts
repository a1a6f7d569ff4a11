import { describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  isRetryableStatus,
  NotFoundError,
  ProviderApiCallError,
  ProviderAuthFailedError,
  RateLimitedError,
  UnidirError,
  UnsupportedParameterError,
  ValidationError,
} from './errors.js';

function providerError(status: number) {
  return new ProviderApiCallError({
    message: 'failed',
    providerStatus: status,
    method: 'GET',
    url: 'https://x.test/u',
  });
}

describe('error classification', () => {
  it('gives every error a stable code and HTTP status', () => {
    const cases: Array<[UnidirError, string, number]> = [
      [new ValidationError({ message: 'bad' }), 'validation_failed', 400],
      [
        new UnsupportedParameterError({ parameter: 'permanent', supported: ['group_id'] }),
        'unsupported_parameter',
        400,
      ],
      [new NotFoundError({ message: 'gone', resource: 'users', id: 'u1' }), 'not_found', 404],
      [new InvalidCursorError({ message: 'forged' }), 'invalid_cursor', 400],
      [new RateLimitedError({ message: 'slow down', retryAfterSeconds: 7 }), 'rate_limited', 429],
      [new ProviderAuthFailedError({ message: 'bad secret' }), 'provider_auth_failed', 401],
      [
        new ProviderAuthFailedError({ message: 'revoked', needsReauth: true }),
        'integrated_account_reauth_required',
        401,
      ],
    ];
    for (const [error, code, status] of cases) {
      expect(error.code).toBe(code);
      expect(error.httpStatus).toBe(status);
      expect(error).toBeInstanceOf(UnidirError);
    }
  });

  it('marks timeouts, throttling and outages retryable, and caller mistakes not', () => {
    expect([408, 409, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
    expect(providerError(503).isRetryable).toBe(true);
    expect(providerError(0).isRetryable).toBe(true);
    expect(providerError(400).isRetryable).toBe(false);
    expect(new RateLimitedError({ message: 'x' }).isRetryable).toBe(true);
    expect(new ValidationError({ message: 'x' }).isRetryable).toBe(false);
  });

  it("says whose fault a provider failure is: the caller's request, or the provider's outage", () => {
    expect(providerError(400)).toMatchObject({ code: 'provider_rejected_request', httpStatus: 400 });
    expect(providerError(409)).toMatchObject({ code: 'provider_rejected_request', httpStatus: 409 });
    expect(providerError(503)).toMatchObject({ code: 'provider_unavailable', httpStatus: 502 });
    expect(providerError(0)).toMatchObject({ code: 'provider_unavailable', httpStatus: 502 });
  });

  it('carries the retry-after and the supported values in details', () => {
    expect(new RateLimitedError({ message: 'x', retryAfterSeconds: 30 }).details).toMatchObject({
      retry_after_seconds: 30,
    });
    const unsupported = new UnsupportedParameterError({ parameter: 'remove_from', supported: ['group_id'] });
    expect(unsupported.message).toContain('group_id');
    expect(unsupported.details).toMatchObject({ parameter: 'remove_from', supported: ['group_id'] });
  });

  it('recognises errors created by another copy of @unidir/core', async () => {
    // A query string makes the module system load a second, independent copy of the same file.
    const secondCopyPath: string = './errors.js?second-copy';
    const otherCopy = (await import(secondCopyPath)) as typeof import('./errors.js');
    const foreign = new otherCopy.NotFoundError({ message: 'gone' });
    expect(otherCopy.NotFoundError).not.toBe(NotFoundError);
    expect(foreign instanceof UnidirError).toBe(false);
    expect(UnidirError.isInstance(foreign)).toBe(true);
    expect(UnidirError.isInstance(new Error('plain'))).toBe(false);
    expect(UnidirError.isInstance({ code: 'not_found' })).toBe(false);
  });
});

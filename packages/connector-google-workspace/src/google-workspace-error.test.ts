import { describe, expect, it } from 'vitest';
import { isGoogleRateLimited, parseGoogleError } from './google-workspace-error.js';

function googleError(code: number, reason: string, message: string, status?: string) {
  return {
    error: { code, message, errors: [{ message, domain: 'global', reason }], ...(status ? { status } : {}) },
  };
}

describe('parseGoogleError', () => {
  it('reads the message and the first reason', () => {
    expect(
      parseGoogleError({
        status: 404,
        headers: {},
        body: googleError(404, 'notFound', 'Resource Not Found: userKey'),
      }),
    ).toEqual({
      message: 'Resource Not Found: userKey',
      providerCode: 'notFound',
      isRateLimit: false,
      isAuthFailure: false,
    });
  });

  it.each(['userRateLimitExceeded', 'quotaExceeded', 'rateLimitExceeded'])(
    'treats 403 %s as a rate limit',
    (reason) => {
      const response = { status: 403, headers: {}, body: googleError(403, reason, 'Quota exceeded') };
      expect(isGoogleRateLimited(response)).toBe(true);
      expect(parseGoogleError(response)).toMatchObject({ isRateLimit: true, isAuthFailure: false });
    },
  );

  it('treats 429 as a rate limit whatever the body', () => {
    expect(isGoogleRateLimited({ status: 429, headers: {}, body: undefined })).toBe(true);
  });

  it('treats 401 and 403 "Not Authorized" or missing scopes as auth failures, other 403s not', () => {
    const auth = (status: number, reason: string, message: string) =>
      parseGoogleError({ status, headers: {}, body: googleError(status, reason, message) }).isAuthFailure;
    expect(auth(401, 'authError', 'Invalid Credentials')).toBe(true);
    expect(auth(403, 'forbidden', 'Not Authorized to access this resource/api')).toBe(true);
    expect(auth(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.')).toBe(
      true,
    );
    expect(auth(403, 'forbidden', 'Cannot delete the last super admin')).toBe(false);
  });

  it('keeps the status when the body is not Google JSON', () => {
    expect(parseGoogleError({ status: 502, headers: {}, body: '<html>Bad Gateway</html>' })).toEqual({
      message: 'Google answered HTTP 502',
      isRateLimit: false,
      isAuthFailure: false,
    });
  });
});

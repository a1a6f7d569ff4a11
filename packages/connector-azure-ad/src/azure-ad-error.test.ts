import { describe, expect, it } from 'vitest';
import { parseGraphError } from './azure-ad-error.js';

const graphError = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: { date: '2026-11-28T03:00:00', 'request-id': 'inner-id', 'client-request-id': 'c' },
  },
});

describe('parseGraphError', () => {
  it('reads code, message and request id (header first, else innerError)', () => {
    const body = graphError('Request_ResourceNotFound', "Resource 'x' does not exist.");
    expect(parseGraphError({ status: 404, headers: { 'request-id': 'header-id' }, body })).toEqual({
      message: "Resource 'x' does not exist.",
      providerCode: 'Request_ResourceNotFound',
      requestId: 'header-id',
    });
    expect(parseGraphError({ status: 404, headers: {}, body }).requestId).toBe('inner-id');
  });

  it('marks throttling as a rate limit and token or consent failures as auth failures', () => {
    expect(
      parseGraphError({ status: 429, headers: {}, body: graphError('TooManyRequests', 'slow down') })
        .isRateLimit,
    ).toBe(true);
    expect(
      parseGraphError({ status: 401, headers: {}, body: graphError('InvalidAuthenticationToken', 'expired') })
        .isAuthFailure,
    ).toBe(true);
    const denied = parseGraphError({
      status: 403,
      headers: {},
      body: graphError('Authorization_RequestDenied', 'Insufficient privileges'),
    });
    expect(denied.isAuthFailure).toBe(true);
    const other403 = parseGraphError({ status: 403, headers: {}, body: graphError('Forbidden', 'no') });
    expect(other403.isAuthFailure).toBeUndefined();
  });

  it('survives a body that is not Graph-shaped', () => {
    expect(parseGraphError({ status: 502, headers: {}, body: '<html>Bad gateway</html>' })).toEqual({
      message: 'Microsoft Graph answered 502.',
    });
  });
});

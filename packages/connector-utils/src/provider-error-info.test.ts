import { describe, expect, it } from 'vitest';
import { parseProviderErrorDefault } from './provider-error-info.js';

describe('parseProviderErrorDefault', () => {
  it('reads the Graph and Google shape with the request id header', () => {
    expect(
      parseProviderErrorDefault({
        status: 404,
        headers: { 'request-id': 'r-1' },
        body: { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } },
      }),
    ).toEqual({
      message: 'Resource does not exist.',
      providerCode: 'Request_ResourceNotFound',
      requestId: 'r-1',
    });
  });

  it('reads the Okta and OAuth shapes, and falls back to the text or the status', () => {
    expect(
      parseProviderErrorDefault({
        status: 400,
        headers: { 'x-okta-request-id': 'okta-1' },
        body: { errorCode: 'E0000001', errorSummary: 'Api validation failed: login' },
      }),
    ).toEqual({ message: 'Api validation failed: login', providerCode: 'E0000001', requestId: 'okta-1' });
    expect(
      parseProviderErrorDefault({
        status: 400,
        headers: {},
        body: { error: 'invalid_grant', error_description: 'expired' },
      }),
    ).toEqual({ message: 'expired', providerCode: 'invalid_grant' });
    expect(
      parseProviderErrorDefault({ status: 502, headers: {}, body: '<html>Bad gateway</html>' }).message,
    ).toBe('<html>Bad gateway</html>');
    expect(parseProviderErrorDefault({ status: 500, headers: {}, body: undefined }).message).toBe('HTTP 500');
  });
});

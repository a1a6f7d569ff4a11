import { describe, expect, it } from 'vitest';
import { parseGitHubError } from './github-error.js';

describe('parseGitHubError', () => {
  it("reads a 422's errors[] and the x-github-request-id", () => {
    const info = parseGitHubError({
      status: 422,
      headers: { 'x-github-request-id': 'ABCD:1:2' },
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'Invitation',
            code: 'custom',
            message: 'Invitee is already a part of this organization',
          },
        ],
      },
    });
    expect(info).toEqual({
      message: 'Validation Failed: Invitee is already a part of this organization',
      requestId: 'ABCD:1:2',
    });
  });

  it('marks a 401 as an authentication failure and a throttling 403 as a rate limit, not a permission 403', () => {
    expect(
      parseGitHubError({ status: 401, headers: {}, body: { message: 'Bad credentials' } }),
    ).toMatchObject({
      isAuthFailure: true,
    });
    expect(
      parseGitHubError({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded' },
      }),
    ).toMatchObject({ isRateLimit: true });
    const permission = parseGitHubError({
      status: 403,
      headers: { 'x-ratelimit-remaining': '4000' },
      body: { message: 'Must have admin rights to Organization.' },
    });
    expect(permission).toEqual({ message: 'Must have admin rights to Organization.' });
  });

  it('falls back to the status when the body says nothing', () => {
    expect(parseGitHubError({ status: 502, headers: {}, body: '<html>' }).message).toBe(
      'GitHub answered 502.',
    );
  });
});

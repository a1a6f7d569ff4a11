import type { FakeResponse, Fault } from '@unidir/testkit';

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's JSON error envelope: `{error:{code,message,errors:[{message,domain,reason}],status}}`. */
export function googleErrorBody(
  code: number,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
) {
  const status = statusNames[code];
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason, ...extra }],
      ...(status === undefined ? {} : { status }),
    },
  };
}

export function googleError(code: number, reason: string, message: string): FakeResponse {
  return { status: code, body: googleErrorBody(code, reason, message) };
}

export const notFound = (key: string) => googleError(404, 'notFound', `Resource Not Found: ${key}`);

export const invalidCredentials: FakeResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  body: googleErrorBody(
    401,
    'authError',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    { location: 'Authorization', locationType: 'header' },
  ),
};

/** Google's answer when more than 2,400 queries a minute come from one user (limits page of the Directory API). */
export const googleRateLimitFault: Fault = {
  kind: 'status',
  status: 403,
  body: googleErrorBody(
    403,
    'userRateLimitExceeded',
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'.",
  ),
};

import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import type { FakeIdentity, GitHubFakeAuth } from './github-fake-auth.js';
import { GitHubFakeRefusal } from './github-fake-organization.js';

export const supportedApiVersion = '2022-11-28';
const documentationUrl = 'https://docs.github.com/rest';

export function gitHubError(status: number, message: string, headers: Record<string, string> = {}) {
  return { status, headers, body: { message, documentation_url: documentationUrl, status: String(status) } };
}

export function notFound(): FakeResponse {
  return gitHubError(404, 'Not Found');
}

/** `per_page` (default 30, at most 100) and `page` (1-based), with the `Link` header GitHub sends. */
export function paginate<Item>(
  baseUrl: string,
  request: FakeRequest,
  items: readonly Item[],
  render: (item: Item) => unknown,
): FakeResponse {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (target: number) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(target));
    return `<${baseUrl}${request.path}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${linkTo(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${linkTo(page + 1)}; rel="next"`, `${linkTo(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${linkTo(1)}; rel="first"`);
  const body = items.slice((page - 1) * perPage, page * perPage).map(render);
  return { status: 200, headers: links.length > 0 ? { link: links.join(', ') } : {}, body };
}

export type Audience = 'account' | 'app';

export interface GitHubRoute {
  name: string;
  method: string;
  pattern: string;
  /** `account`: a personal access token or an installation token; `app`: the app's JWT. */
  audience?: Audience;
  handle(request: FakeRequest, identity: FakeIdentity): FakeResponse | Promise<FakeResponse>;
}

function requestId(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(4)}:${hex(4)}:${hex(4)}`;
}

/**
 * What every GitHub answer shares: authentication (401 `Bad credentials`), the API version check, the
 * primary rate limit (403 with `x-ratelimit-remaining: 0` once a token's window is spent), the rate-limit
 * headers and `x-github-request-id` on every answer, and refusals turned into GitHub's error body.
 */
export function toFakeRoute(route: GitHubRoute, auth: GitHubFakeAuth): FakeRoute {
  return {
    name: route.name,
    method: route.method,
    pattern: route.pattern,
    async handle(request) {
      const common = { 'x-github-request-id': requestId(), 'x-github-media-type': 'github.v3; format=json' };
      const version = request.headers['x-github-api-version'];
      if (version !== undefined && version !== supportedApiVersion) {
        return gitHubError(400, `Unsupported 'X-GitHub-Api-Version': '${version}'`, common);
      }
      const identity = auth.identify(request.headers.authorization);
      const audience = route.audience ?? 'account';
      if (identity === undefined || (audience === 'app') !== (identity.kind === 'app')) {
        const message =
          identity === undefined
            ? 'Bad credentials'
            : audience === 'app'
              ? 'A JSON web token could not be decoded'
              : 'This endpoint needs an installation or user token, not the app JWT.';
        return gitHubError(401, message, common);
      }
      const { exhausted, headers: rateLimit } = auth.spend(
        identity.kind === 'app' ? `app:${identity.appId}` : identity.token,
      );
      const headers = { ...common, ...rateLimit };
      if (exhausted) {
        return gitHubError(
          403,
          'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.',
          headers,
        );
      }
      try {
        const response = await route.handle(request, identity);
        return { ...response, headers: { ...headers, ...response.headers } };
      } catch (error) {
        if (error instanceof GitHubFakeRefusal) {
          return error.status === 422
            ? {
                status: 422,
                headers,
                body: {
                  message: 'Validation Failed',
                  errors: [{ resource: 'Membership', code: 'custom', message: error.message }],
                  documentation_url: documentationUrl,
                  status: '422',
                },
              }
            : gitHubError(error.status, error.message, headers);
        }
        throw error;
      }
    },
  };
}

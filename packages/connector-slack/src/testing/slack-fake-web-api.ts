import { randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import { slackFakeEnterpriseId, slackFakeEnterpriseName } from './slack-fake-ids.js';
import type { SlackFakeOrg } from './slack-fake-org.js';
import type { MethodRateLimiter } from './slack-fake-rate-limits.js';
import type { FakeToken, FakeTokenStore } from './slack-fake-tokens.js';

/** A Web API method's arguments from the query, a form body or a JSON body, as Slack accepts all three. */
export type WebArguments = Record<string, unknown>;

export interface WebCall {
  arguments: WebArguments;
  token: FakeToken;
}

type WebBody = Record<string, unknown>;

interface WebMethod {
  name: string;
  /** The scope Slack requires; a token without it gets missing_scope naming it. */
  scope?: string;
  /** Admin methods refuse bot tokens (not_allowed_token_type). */
  userTokenOnly?: boolean;
  handle(call: WebCall): WebBody;
}

export function slackError(error: string, extra: WebBody = {}): WebBody {
  return { ok: false, error, ...extra };
}

/** Query arguments, then the body's: form-encoded (what Slack's SDKs send) or JSON (what write methods also take). */
export function webArguments(request: FakeRequest): WebArguments {
  const merged: WebArguments = Object.fromEntries(request.query);
  const contentType = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && request.rawBody !== '') {
    if (
      contentType.includes('application/json') &&
      typeof request.body === 'object' &&
      request.body !== null
    ) {
      Object.assign(merged, request.body);
    } else if (contentType.includes('application/x-www-form-urlencoded')) {
      Object.assign(merged, Object.fromEntries(new URLSearchParams(request.rawBody)));
    }
  }
  return merged;
}

export function stringArgument(args: WebArguments, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function booleanArgument(args: WebArguments, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

function bearerToken(request: FakeRequest, args: WebArguments): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return stringArgument(args, 'token');
}

function answer(body: WebBody, token?: FakeToken, extraHeaders: Record<string, string> = {}): FakeResponse {
  return {
    status: 200,
    headers: {
      'x-slack-req-id': randomUUID(),
      ...(token === undefined ? {} : { 'x-oauth-scopes': token.scopes.join(',') }),
      ...extraHeaders,
    },
    body,
  };
}

/**
 * Serves Web API methods as Slack does: `/api/<method>` by GET or POST, every answer HTTP 200 with
 * `ok:true` or `ok:false` and an `error` code (invalid_auth, not_authed, token_revoked, token_expired,
 * missing_scope with `needed` and `provided`); over a method's rate limit, HTTP 429 with Retry-After.
 */
export function webApiRoutes(
  tokens: FakeTokenStore,
  methods: readonly WebMethod[],
  rateLimiter?: MethodRateLimiter,
): FakeRoute[] {
  return methods.flatMap((method) =>
    (['GET', 'POST'] as const).map((httpMethod) => ({
      name: method.name,
      method: httpMethod,
      pattern: `/api/${method.name}`,
      handle(request: FakeRequest): FakeResponse {
        const retryAfter = rateLimiter?.retryAfterSeconds(method.name);
        if (retryAfter !== undefined) {
          return {
            status: 429,
            headers: { 'retry-after': String(retryAfter) },
            body: slackError('ratelimited'),
          };
        }
        const args = webArguments(request);
        const presented = bearerToken(request, args);
        if (presented === undefined) return answer(slackError('not_authed'));
        const token = tokens.lookup(presented);
        if (token === undefined) return answer(slackError('invalid_auth'));
        if (token.revoked) return answer(slackError('token_revoked'));
        if (tokens.isExpired(token)) return answer(slackError('token_expired'));
        token.calls.push(method.name);
        if (method.userTokenOnly && token.kind !== 'user') {
          return answer(slackError('not_allowed_token_type'), token);
        }
        if (method.scope !== undefined && !token.scopes.includes(method.scope)) {
          return answer(
            slackError('missing_scope', { needed: method.scope, provided: token.scopes.join(',') }),
            token,
            {
              'x-accepted-oauth-scopes': method.scope,
            },
          );
        }
        return answer(method.handle({ arguments: args, token }), token);
      },
    })),
  );
}

/** oauth.v2.access: no bearer token; the app authenticates with client_id and client_secret in the form. */
export function oauthRoute(tokens: FakeTokenStore): FakeRoute {
  return {
    name: 'oauth.v2.access',
    method: 'POST',
    pattern: '/api/oauth.v2.access',
    handle: (request) =>
      answer(
        tokens.rotate(
          Object.fromEntries(Object.entries(webArguments(request)).map(([k, v]) => [k, String(v)])),
        ),
      ),
  };
}

/** Cursors look like Slack's: base64 of `<kind>:<next id>`. */
export function encodeFakeCursor(kind: string, nextId: string): string {
  return Buffer.from(`${kind}:${nextId}`).toString('base64');
}

export function decodeFakeCursor(kind: string, cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : undefined;
}

export function teamInfo(org: SlackFakeOrg, teamId: string | undefined): WebBody {
  if (teamId === undefined && !org.grid) return { ok: true, team: org.workspaceAt(0) };
  if (teamId === undefined) {
    return {
      ok: true,
      team: {
        id: slackFakeEnterpriseId,
        name: slackFakeEnterpriseName,
        domain: 'unidir-grid',
        enterprise_id: slackFakeEnterpriseId,
        enterprise_name: slackFakeEnterpriseName,
      },
    };
  }
  const team = org.workspace(teamId);
  return team === undefined ? slackError('team_not_found') : { ok: true, team };
}

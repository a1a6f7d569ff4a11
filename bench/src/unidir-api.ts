import { request } from 'undici';

/** A running unidir server as the bench reaches it: its URL and the bootstrap API token it was given. */
export interface UnidirEndpoint {
  url: string;
  token: string;
}

export function authorizationHeaders(endpoint: UnidirEndpoint): Record<string, string> {
  return { authorization: `Bearer ${endpoint.token}` };
}

/** Creates a normal (not sandbox) integrated account pointed at a fake provider; returns its id. */
export async function createIntegratedAccount(
  endpoint: UnidirEndpoint,
  account: { integration: string; credentials: Record<string, unknown>; settings: Record<string, unknown> },
): Promise<string> {
  const response = await request(`${endpoint.url}/integrated-accounts`, {
    method: 'POST',
    headers: { ...authorizationHeaders(endpoint), 'content-type': 'application/json' },
    body: JSON.stringify({ ...account, label: 'bench' }),
  });
  const body = (await response.body.json()) as { id?: string };
  if (response.statusCode !== 201 || typeof body.id !== 'string') {
    throw new Error(`POST /integrated-accounts answered ${response.statusCode}: ${JSON.stringify(body)}`);
  }
  return body.id;
}

/** Path and query of a unified users call. */
export function unifiedUsersPath(options: {
  accountId: string;
  userId?: string;
  query?: Record<string, string>;
}): string {
  const query = new URLSearchParams({ integrated_account_id: options.accountId, ...options.query });
  const resource = options.userId === undefined ? '' : `/${encodeURIComponent(options.userId)}`;
  return `/unified/user-directory/users${resource}?${query}`;
}

/** Sends one unified call; any status comes back, for the caller to judge. */
export async function callUnified(
  endpoint: UnidirEndpoint,
  call: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown },
): Promise<{ status: number; body: unknown }> {
  const response = await request(`${endpoint.url}${call.path}`, {
    method: call.method,
    headers: {
      ...authorizationHeaders(endpoint),
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) };
}

/**
 * The first `count` list pages as the provider sent their records (`truto_response_format=raw`): for
 * connectors whose provider records take several requests (or none of our own direct-paging code) to read.
 */
export async function fetchRawUserPages(
  endpoint: UnidirEndpoint,
  accountId: string,
  options: { count: number; pageSize: number },
): Promise<unknown[]> {
  const pages: unknown[] = [];
  let cursor: string | undefined;
  do {
    const query: Record<string, string> = { limit: String(options.pageSize), truto_response_format: 'raw' };
    if (cursor !== undefined) query.cursor = cursor;
    const answer = await callUnified(endpoint, {
      method: 'GET',
      path: unifiedUsersPath({ accountId, query }),
    });
    const body = answer.body as { result?: unknown[]; next_cursor?: string | null };
    if (answer.status !== 200 || !Array.isArray(body.result)) {
      throw new Error(
        `listing raw users answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    pages.push(body);
    cursor = body.next_cursor ?? undefined;
  } while (cursor !== undefined && pages.length < options.count);
  return pages;
}

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

import { mergeRemoteQuery, type ProviderResponse } from '@unidir/connector-utils';
import { type OperationContext, ProviderInvalidResponseError, type RemoteQuery } from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { isSlackErrorBody, slackPlatformError, slackRequestIdHeader } from './slack-error.js';

type Context = OperationContext<SlackClient>;

/** What every Web API answer carries; a paged one adds `response_metadata.next_cursor` ('' on the last page). */
export interface SlackOkBody {
  ok: true;
  response_metadata?: { next_cursor?: string };
}

export interface WebApiRead {
  /** `users.list`, `users.info`, ... */
  method: string;
  arguments?: Record<string, string | number | boolean | undefined>;
  /** The caller's remote_query: passed through, never overriding the arguments the connector sets. */
  remoteQuery?: RemoteQuery;
  description: string;
  /**
   * `admin`: needs the admin user token even when a bot token reads (admin.* methods, the token's own
   * identity, a read that decides a write). Default `reader`.
   */
  as?: 'reader' | 'admin';
}

export interface WebApiWrite {
  method: string;
  /** Sent as a JSON body, which Slack's write methods accept beside form encoding. */
  arguments: Record<string, unknown>;
  description: string;
}

/** Slack answers errors as HTTP 200 `ok:false`: anything but `ok:true` becomes core's error here. */
function assertOk<Body>(
  method: string,
  httpMethod: string,
  client: SlackClient,
  response: ProviderResponse,
): Body {
  if (isSlackErrorBody(response.body)) {
    throw slackPlatformError(response.body, {
      method,
      httpMethod,
      url: `${client.web.baseUrl}/${method}`,
      requestId: response.headers[slackRequestIdHeader],
    });
  }
  if ((response.body as { ok?: unknown } | undefined)?.ok !== true) {
    throw new ProviderInvalidResponseError({
      message: `Slack answered ${method} without ok:true or an error.`,
    });
  }
  return response.body as Body;
}

/** A read method, as GET with query arguments (every Slack read accepts that). */
export async function readWebApi<Body extends SlackOkBody>(
  request: WebApiRead,
  context: Context,
): Promise<Body> {
  const connectorArguments = request.arguments ?? {};
  // Every argument the connector may set is its own, even when this call leaves it out (a first page's cursor).
  const query = mergeRemoteQuery(connectorArguments, request.remoteQuery, [
    'token',
    ...Object.keys(connectorArguments),
  ]);
  const http = request.as === 'admin' ? context.client.web : context.client.webReads;
  const response = await http.request(
    { method: 'GET', path: [request.method], query, description: request.description },
    context,
  );
  return assertOk<Body>(request.method, 'GET', context.client, response);
}

/**
 * A write method, as POST. Never repeated after an answer that may have been processed (connector-utils
 * repeats a POST only after a 429). In a dry run nothing is sent and the outcome is `planned`.
 */
export async function writeWebApi<Body extends SlackOkBody>(
  request: WebApiWrite,
  context: Context,
): Promise<{ outcome: 'sent' | 'planned'; body?: Body }> {
  const response = await context.client.web.request(
    { method: 'POST', path: [request.method], body: request.arguments, description: request.description },
    context,
  );
  if (response.outcome === 'planned') return { outcome: 'planned' };
  return { outcome: 'sent', body: assertOk<Body>(request.method, 'POST', context.client, response) };
}

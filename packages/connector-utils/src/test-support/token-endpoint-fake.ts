import {
  type LoopbackServer,
  type RecordedRequest,
  sendJson,
  startLoopbackServer,
} from './loopback-server.js';

export interface TokenAnswer {
  status?: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface TokenEndpointFake extends LoopbackServer {
  readonly tokenUrl: string;
  /** Form bodies the token endpoint received, in order. */
  readonly forms: Array<Record<string, string>>;
}

/**
 * An OAuth token endpoint at `/oauth2/token`. `answer` decides each reply from the form; every other path
 * is a tiny API that echoes the bearer token it was called with.
 */
export async function startTokenEndpointFake(
  answer: (form: Record<string, string>, request: RecordedRequest) => TokenAnswer | Promise<TokenAnswer>,
  options: { delayMs?: number } = {},
): Promise<TokenEndpointFake> {
  const forms: Array<Record<string, string>> = [];
  const server = await startLoopbackServer(async (request, response) => {
    if (request.url.pathname !== '/oauth2/token') {
      sendJson(response, 200, { authorization: request.headers.authorization });
      return;
    }
    const form = request.body as Record<string, string>;
    forms.push(form);
    if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const reply = await answer(form, request);
    sendJson(response, reply.status ?? 200, reply.body, reply.headers);
  });
  return Object.assign(server, { tokenUrl: `${server.url}/oauth2/token`, forms });
}

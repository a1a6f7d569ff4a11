import { randomUUID } from 'node:crypto';
import qs from 'qs';
import { request } from 'undici';
import type { ServerConfig } from '../../src/config/server-config.js';
import { generateApiToken, hashApiToken } from '../../src/security/api-tokens.js';
import { type CreateServerOptions, createServer, type UnidirServer } from '../../src/server.js';
import { createResponseChecker } from './openapi-response-check.js';

export interface CallOptions {
  token?: string;
  /** Written with `qs`, the way Truto's SDK writes query strings. */
  query?: Record<string, unknown>;
  /** A query string used verbatim. */
  rawQuery?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered.
  body: any;
}

export interface TestServer {
  url: string;
  server: UnidirServer;
  /** Every log line the server wrote. */
  logs: string[];
  /** Every response body the tests received, for canary checks. */
  responses: string[];
  /** Answers that disagree with the published OpenAPI document (undocumented status, invalid body). */
  responseMismatches: string[];
  createToken(tenantId: string): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export async function startTestServer(
  config: Partial<ServerConfig>,
  options: Omit<CreateServerOptions, 'config' | 'logDestination'> = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const responses: string[] = [];
  const responseMismatches: string[] = [];
  const checkResponse = createResponseChecker();
  const server = await createServer({
    ...options,
    config: {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'debug',
      connectorPackages: ['@unidir/connector-azure-ad'],
      ...config,
    },
    logDestination: { write: (line: string) => void logs.push(line) },
  });
  const url = await server.listen();
  return {
    url,
    server,
    logs,
    responses,
    responseMismatches,
    async createToken(tenantId) {
      const token = generateApiToken();
      await server.store.createApiToken({
        id: randomUUID(),
        tenantId,
        name: 'test',
        tokenHash: hashApiToken(token),
        createdAt: new Date().toISOString(),
      });
      return token;
    },
    async call(method, path, callOptions = {}) {
      const queryString = callOptions.rawQuery ?? (callOptions.query ? qs.stringify(callOptions.query) : '');
      const headers: Record<string, string> = { ...callOptions.headers };
      if (callOptions.token !== undefined) headers.authorization = `Bearer ${callOptions.token}`;
      if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await request(`${url}${path}${queryString ? `?${queryString}` : ''}`, {
        method: method as 'GET',
        headers,
        ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
      });
      const text = await response.body.text();
      responses.push(text);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // NDJSON and HTML stay text.
      }
      const responseHeaders = response.headers as Record<string, string>;
      const mismatch = checkResponse(
        method,
        path,
        response.statusCode,
        String(responseHeaders['content-type'] ?? ''),
        body,
      );
      if (mismatch) responseMismatches.push(mismatch);
      return { status: response.statusCode, headers: responseHeaders, text, body };
    },
    close: () => server.close(),
  };
}

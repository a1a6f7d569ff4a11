import { setTimeout as sleep } from 'node:timers/promises';
import {
  NotFoundError,
  type OperationContext,
  ProviderApiCallError,
  ProviderAuthFailedError,
  ProviderInvalidResponseError,
  RateLimitedError,
} from '@unidir/core';
import { request } from 'undici';
import type { AcmeDefect } from './acme-connector.js';

export interface AcmeCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: readonly string[];
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Safe to repeat (GET always is). */
  idempotent?: boolean;
  /** A 404 on a retry means the first attempt took effect. */
  notFoundOnRetryMeansDone?: boolean;
}

export interface AcmeAnswer<Body> {
  status: number;
  body: Body;
  outcome: 'sent' | 'planned' | 'already_done';
}

export interface AcmeHttp {
  call<Body>(call: AcmeCall, context: OperationContext<unknown>): Promise<AcmeAnswer<Body>>;
}

const maxAttempts = 3;

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (redacted, secret) => (secret ? redacted.replaceAll(secret, '[redacted]') : redacted),
    text,
  );
}

/** The smallest honest provider client: token caching, safe retries, Retry-After, exact deletes, scrubbed errors. */
export function createAcmeHttp(options: {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  defects: readonly AcmeDefect[];
}): AcmeHttp {
  let token: Promise<string> | undefined;
  const secrets = () => [options.clientSecret];
  const attemptsAllowed = options.defects.includes('no-retry') ? 1 : maxAttempts;

  function fetchToken(): Promise<string> {
    token ??= request(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }).toString(),
    }).then(async (response) => {
      const body = (await response.body.json()) as { access_token?: string };
      if (response.statusCode !== 200 || !body.access_token) {
        token = undefined;
        throw new ProviderAuthFailedError({
          message: 'Acme rejected the client credentials.',
          providerStatus: response.statusCode,
        });
      }
      return body.access_token;
    });
    return token;
  }

  function errorFor(call: AcmeCall, url: string, status: number, text: string, cause?: unknown) {
    const scrubbed = options.defects.includes('leaks-secret') ? text : redact(text, secrets());
    if (status === 404)
      return new NotFoundError({ message: `Acme has no ${call.path.join('/')}.`, resource: 'users' });
    return new ProviderApiCallError({
      message: `Acme answered ${status || 'nothing'} to ${call.method} ${url}: ${scrubbed.slice(0, 300)}`,
      providerStatus: status,
      method: call.method,
      url,
      providerPayload: scrubbed,
      cause,
    });
  }

  return {
    async call<Body>(call: AcmeCall, context: OperationContext<unknown>): Promise<AcmeAnswer<Body>> {
      const query = new URLSearchParams(
        Object.entries(call.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ).toString();
      const url = `${options.baseUrl}/${call.path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
      const safe = call.method === 'GET' || call.idempotent === true;
      if (context.dryRun && call.method !== 'GET') {
        context.providerCalls.push({ method: call.method, url, outcome: 'planned' });
        return { status: 204, body: undefined as Body, outcome: 'planned' };
      }
      const authorization = `Bearer ${await fetchToken()}`;
      for (let attempt = 1; ; attempt++) {
        const retry = async (reason: string, waitMs: number) => {
          context.logger.warn(
            { attempt, maxAttempts: attemptsAllowed, reason, waitMs, method: call.method, url },
            'retrying provider call',
          );
          await sleep(waitMs);
        };
        let status: number;
        let text: string;
        let headers: Record<string, string | string[] | undefined>;
        try {
          const response = await request(url, {
            method: call.method,
            headers: { authorization, 'content-type': 'application/json' },
            body: call.body === undefined ? undefined : JSON.stringify(call.body),
            signal: context.signal,
          });
          status = response.statusCode;
          headers = response.headers;
          text = await response.body.text();
        } catch (error) {
          if (!safe || attempt >= attemptsAllowed) throw errorFor(call, url, 0, 'no response', error);
          await retry('network error', 25 * 2 ** attempt);
          continue;
        }
        if (
          status === 404 &&
          attempt > 1 &&
          call.notFoundOnRetryMeansDone &&
          !options.defects.includes('blind-delete-retry')
        ) {
          context.providerCalls.push({
            method: call.method,
            url,
            outcome: 'already_done',
            status,
            attempts: attempt,
          });
          return { status, body: undefined as Body, outcome: 'already_done' };
        }
        if (status >= 200 && status < 300) {
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch (error) {
            if (safe && attempt < attemptsAllowed) {
              await retry('invalid JSON', 25 * 2 ** attempt);
              continue;
            }
            throw new ProviderInvalidResponseError({
              message: `Acme sent invalid JSON for ${call.method} ${url}.`,
              cause: error,
            });
          }
          context.providerCalls.push({
            method: call.method,
            url,
            outcome: 'sent',
            status,
            attempts: attempt,
          });
          return { status, body: body as Body, outcome: 'sent' };
        }
        const retryAfterSeconds = Number(headers['retry-after'] ?? Number.NaN);
        const waitMs = Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 25 * 2 ** attempt;
        const retryable = status === 429 || (safe && status >= 500);
        if (retryable && attempt < attemptsAllowed) {
          if (Date.now() + waitMs > context.deadline) {
            if (status === 429) {
              throw new RateLimitedError({
                message: 'Acme asked us to wait beyond the deadline.',
                retryAfterSeconds,
              });
            }
            throw errorFor(call, url, status, text);
          }
          await retry(`status ${status}`, waitMs);
          continue;
        }
        context.providerCalls.push({
          method: call.method,
          url,
          outcome: 'failed',
          status,
          attempts: attempt,
        });
        throw errorFor(call, url, status, text);
      }
    },
  };
}

import {
  ProviderApiCallError,
  ProviderAuthFailedError,
  ProviderInvalidResponseError,
  ProviderTimeoutError,
  RateLimitedError,
  type StoredToken,
  UnidirError,
} from '@unidir/core';
import { type Dispatcher, request as undiciRequest } from 'undici';
import { z } from 'zod';
import { redactSecrets } from './redact-secrets.js';
import { flattenHeaders, parseBodyText, readBodyText } from './response-body.js';
import { readRetryAfterMs } from './retry-after.js';
import { backoffMs, defaultRetryPolicy } from './retry-policy.js';
import { getSharedAgent } from './shared-agent.js';
import { wait } from './wait.js';

export interface IssuedToken extends StoredToken {
  /** Present when the server rotated the refresh token. */
  refreshToken?: string;
}

export interface TokenRequestOptions {
  tokenUrl: URL;
  form: Record<string, string>;
  dispatcher?: unknown;
  /** Everything secret in the form: never repeated in errors. */
  secrets: readonly string[];
  /**
   * Whether a request that may have reached the server can be sent again. False for refresh-token grants:
   * a rotating server may have consumed the old refresh token, and repeating it would read as reuse.
   */
  repeatableAfterPossibleEffect: boolean;
  now: () => number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

/** Tokens without `expires_in` are treated as living an hour, the common default. */
const defaultLifetimeSeconds = 3600;
const maxAttempts = 3;
const maxWaitMs = 10_000;
const attemptTimeoutMs = 10_000;

/** The token endpoint answered `invalid_grant`: the grant (refresh token, assertion subject) is no longer accepted. */
export function isInvalidGrant(error: unknown): boolean {
  return (
    error instanceof ProviderAuthFailedError &&
    (error.details as { oauth_error?: unknown })?.oauth_error === 'invalid_grant'
  );
}

function oauthErrorOf(body: unknown): { error?: string; description?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { error, error_description: description } = body as Record<string, unknown>;
  return {
    error: typeof error === 'string' ? error : undefined,
    description: typeof description === 'string' ? description : undefined,
  };
}

/**
 * POSTs a form to an OAuth 2.0 token endpoint. Retried (bounded) only on a rate limit, and on a network
 * error or 5xx when the grant may be repeated. Secrets in the form never appear in what it throws.
 */
export async function requestToken(options: TokenRequestOptions): Promise<IssuedToken> {
  const dispatcher = (options.dispatcher as Dispatcher | undefined) ?? getSharedAgent();
  const scrub = (text: string) => redactSecrets(text, options.secrets);
  const endpoint = `${options.tokenUrl.origin}${options.tokenUrl.pathname}`;
  for (let attempt = 1; ; attempt += 1) {
    let failure: UnidirError;
    let waitMs = backoffMs(attempt, defaultRetryPolicy);
    let retryable: boolean;
    try {
      const response = await undiciRequest(options.tokenUrl, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(options.form).toString(),
        headersTimeout: attemptTimeoutMs,
        bodyTimeout: attemptTimeoutMs,
      });
      const headers = flattenHeaders(response.headers);
      const text = await readBodyText(response.body, 1024 * 1024);
      const status = response.statusCode;
      if (status >= 200 && status < 300) {
        const parsed = tokenResponseSchema.safeParse(parseBodyText(text, headers['content-type']));
        if (!parsed.success) {
          throw new ProviderInvalidResponseError({
            message: `The token endpoint ${endpoint} answered without a usable token.`,
          });
        }
        const issued: IssuedToken = {
          accessToken: parsed.data.access_token,
          expiresAt: options.now() + (parsed.data.expires_in ?? defaultLifetimeSeconds) * 1000,
        };
        if (parsed.data.token_type !== undefined) issued.tokenType = parsed.data.token_type;
        if (parsed.data.refresh_token !== undefined) issued.refreshToken = parsed.data.refresh_token;
        return issued;
      }
      let body: unknown;
      try {
        body = parseBodyText(text, headers['content-type']);
      } catch {
        body = text;
      }
      const oauth = oauthErrorOf(body);
      const providerWaitMs = readRetryAfterMs(headers, options.now());
      if (status === 429) {
        waitMs = providerWaitMs ?? waitMs;
        retryable = waitMs <= maxWaitMs;
        failure = new RateLimitedError({
          message: `The token endpoint ${endpoint} is rate limiting us.`,
          retryAfterSeconds: providerWaitMs === undefined ? undefined : Math.ceil(providerWaitMs / 1000),
        });
      } else if (status >= 500) {
        retryable = options.repeatableAfterPossibleEffect;
        failure = new ProviderApiCallError({
          message: `The token endpoint ${endpoint} failed with ${status}.`,
          providerStatus: status,
          method: 'POST',
          url: endpoint,
        });
      } else {
        const what = [oauth.error, oauth.description].filter((part) => part !== undefined).join(': ');
        throw new ProviderAuthFailedError({
          message: scrub(
            `The token endpoint ${endpoint} refused the credentials (${status}${what ? `, ${what}` : ''}).`,
          ),
          providerStatus: status,
          details: { oauth_error: oauth.error },
        });
      }
    } catch (error) {
      if (UnidirError.isInstance(error)) throw error;
      const code = (error as { code?: unknown } | null)?.code;
      const codeText = typeof code === 'string' ? code : 'network error';
      retryable = options.repeatableAfterPossibleEffect;
      failure = codeText.includes('TIMEOUT')
        ? new ProviderTimeoutError({ message: `The token endpoint ${endpoint} timed out (${codeText}).` })
        : new ProviderApiCallError({
            message: `The token endpoint ${endpoint} gave no answer (${codeText}).`,
            providerStatus: 0,
            method: 'POST',
            url: endpoint,
          });
    }
    if (!retryable || attempt >= maxAttempts) throw failure;
    await wait(waitMs);
  }
}

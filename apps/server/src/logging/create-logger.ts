import pino, { type DestinationStream, type Logger } from 'pino';
import type { SecretRegistry } from '../security/secret-registry.js';

/** Field paths that hold secrets by their name, wherever they appear. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'request.headers.authorization',
  'credentials',
  '*.credentials',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.private_key',
  '*.password',
  '*.accessToken',
  '*.clientSecret',
  '*.privateKey',
];

/**
 * Set on a request's logger to the account the request concerns: its lines then carry
 * `integrated_account_id` (and are scrubbed of that account's secrets). Cheaper than a child logger per
 * request, whose bindings pino serialises whether or not a line is ever written.
 */
export const loggedAccountId = Symbol('integrated_account_id');

/** The account id a logger or one of its ancestors was given (pino children inherit from their parent). */
function accountFieldOf(logger: object): { integrated_account_id?: string } {
  const accountId = (logger as { [loggedAccountId]?: string })[loggedAccountId];
  return accountId === undefined ? {} : { integrated_account_id: accountId };
}

/**
 * A pino logger whose lines about an account are also scrubbed of that account's secret values, so a
 * secret that slips into a message or an unexpected field still never reaches the log. Scrubbing works on
 * the parsed line: every line stays JSON.
 */
export function createLogger(options: {
  level: string;
  secrets: SecretRegistry;
  destination?: DestinationStream;
}): Logger {
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbing: DestinationStream = {
    write(line: string) {
      target.write(options.secrets.redactLogLine(line));
    },
  };
  return pino(
    {
      level: options.level,
      redact: { paths: redactedLogPaths, censor: '[REDACTED]' },
      base: { service: 'unidir' },
      mixin: (_fields, _level, logger) => accountFieldOf(logger),
    },
    scrubbing,
  );
}

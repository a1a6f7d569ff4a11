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
    },
    scrubbing,
  );
}

import { ValidationError } from '@unidir/core';

/**
 * How long the server waits on clients and how many it serves at once. Fastify leaves its own timeouts
 * off; without these a slow client holds a connection forever and keeps shutdown from finishing.
 */
export interface OperatingLimits {
  /** UNIDIR_HEADERS_TIMEOUT_MS: the request line and headers must arrive within it (408). */
  headersTimeoutMs: number;
  /** UNIDIR_REQUEST_TIMEOUT_MS: the whole request, body included, must arrive within it (408). */
  requestTimeoutMs: number;
  /** UNIDIR_KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection is closed after it. */
  keepAliveTimeoutMs: number;
  /** UNIDIR_CONNECTION_TIMEOUT_MS: a connection with no traffic either way is closed after it. */
  connectionTimeoutMs: number;
  /** UNIDIR_MAX_CONNECTIONS: connections beyond it are refused. */
  maxConnections: number;
  /** UNIDIR_SHUTDOWN_TIMEOUT_MS: on shutdown, in-flight requests still open after it are ended. */
  shutdownTimeoutMs: number;
}

export const defaultOperatingLimits: OperatingLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  connectionTimeoutMs: 120_000,
  maxConnections: 1024,
  // A provider call's budget is 30 s: a mutation already sent gets to finish.
  shutdownTimeoutMs: 35_000,
};

const variables: Record<keyof OperatingLimits, string> = {
  headersTimeoutMs: 'UNIDIR_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'UNIDIR_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'UNIDIR_KEEP_ALIVE_TIMEOUT_MS',
  connectionTimeoutMs: 'UNIDIR_CONNECTION_TIMEOUT_MS',
  maxConnections: 'UNIDIR_MAX_CONNECTIONS',
  shutdownTimeoutMs: 'UNIDIR_SHUTDOWN_TIMEOUT_MS',
};

export function readPositiveInteger(
  environment: Record<string, string | undefined>,
  variable: string,
  fallback: number,
): number {
  const text = environment[variable]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError({
      code: 'invalid_configuration',
      message: `${variable}: must be a positive integer.`,
      details: { variable },
    });
  }
  return value;
}

export function loadOperatingLimits(environment: Record<string, string | undefined>): OperatingLimits {
  const limits = { ...defaultOperatingLimits };
  for (const [field, variable] of Object.entries(variables) as Array<[keyof OperatingLimits, string]>) {
    limits[field] = readPositiveInteger(environment, variable, defaultOperatingLimits[field]);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ValidationError({
      code: 'invalid_configuration',
      message: 'UNIDIR_HEADERS_TIMEOUT_MS: must not exceed UNIDIR_REQUEST_TIMEOUT_MS.',
      details: { variable: 'UNIDIR_HEADERS_TIMEOUT_MS' },
    });
  }
  return limits;
}

import type { FastifyInstance } from 'fastify';
import type { OperatingLimits } from '../config/operating-limits.js';

/** Node checks its header and request timeouts on this period; its default (30 s) would blur them. */
const timeoutCheckIntervalMs = 1000;

/** The fastify (and underlying Node server) options that bound how long a client can hold a connection. */
export function fastifyTimeoutOptions(limits: OperatingLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(timeoutCheckIntervalMs, limits.headersTimeoutMs),
    },
  };
}

/** Stops accepting and waits for in-flight requests, ending the connections still open at the deadline. */
export async function closeWithinDeadline(app: FastifyInstance, deadlineMs: number): Promise<void> {
  const deadline = setTimeout(() => {
    app.log.warn(
      { deadline_ms: deadlineMs },
      'shutdown deadline reached: ending the requests still in flight',
    );
    app.server.closeAllConnections();
  }, deadlineMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}

import type { FastifyReply } from 'fastify';

/**
 * Calls `abort` when the client hangs up before its answer is written, including a hang-up that happened
 * before this was called. A response that finished also closes: that is not a hang-up.
 */
export function abortOnHangUp(reply: FastifyReply, abort: () => void): void {
  const response = reply.raw;
  if (response.writableFinished) return;
  if (response.destroyed || reply.request.raw.destroyed) {
    abort();
    return;
  }
  response.once('close', () => {
    if (!response.writableFinished) abort();
  });
}

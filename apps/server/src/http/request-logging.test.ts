import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RequestLogController } from './request-logging.js';

async function serve(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const app = Fastify({
    loggerInstance: pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
    logController: new RequestLogController(),
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async (_request, reply) => reply.code(403).send({ code: 'forbidden' }));
  app.get('/broken', async () => {
    throw new Error('boom');
  });
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('logs nothing at info for a successful request', async () => {
    const { app, lines } = await serve('info');
    const response = await app.inject({ method: 'GET', url: '/ok' });
    expect(response.statusCode).toBe(200);
    expect(lines).toEqual([]);
    await app.close();
  });

  it('logs a failed request at info or above with its request id and status', async () => {
    const { app, lines } = await serve('info');
    await app.inject({ method: 'GET', url: '/refused' });
    await app.inject({ method: 'GET', url: '/broken' });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed.map((line) => (line.res as { statusCode: number }).statusCode)).toEqual([403, 500]);
    for (const line of completed) {
      expect(line.level).toBeGreaterThanOrEqual(30);
      expect(line.reqId).toEqual(expect.any(String));
    }
    expect(completed[0]?.reqId).not.toBe(completed[1]?.reqId);
    await app.close();
  });

  it('logs both lines of a successful request at debug', async () => {
    const { app, lines } = await serve('debug');
    await app.inject({ method: 'GET', url: '/ok' });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [20, 'incoming request'],
      [20, 'request completed'],
    ]);
    expect(lines[0]?.reqId).toBe(lines[1]?.reqId);
    await app.close();
  });
});

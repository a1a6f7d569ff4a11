import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

/** `GET /health`: answers 200 while the database answers, 503 otherwise. Needs no token. */
export function registerHealthRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    try {
      await context.store.ping();
    } catch (error) {
      context.logger.error({ err: error }, 'health check: the database does not answer');
      return reply.code(503).send({ status: 'unavailable', storage: context.store.kind });
    }
    return {
      status: 'ok',
      version: context.version,
      storage: context.store.kind,
      integrations: context.registry.list().map((connector) => connector.id),
    };
  });
}

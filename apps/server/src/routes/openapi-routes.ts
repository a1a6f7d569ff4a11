import type { FastifyInstance } from 'fastify';
import { renderDocsPage } from '../openapi/docs-page.js';
import { createOpenApiDocument } from '../openapi/openapi-document.js';
import type { ServerContext } from '../server-context.js';

/** `GET /openapi.json` and `GET /docs`; both public, both built once. */
export function registerOpenApiRoutes(app: FastifyInstance, context: ServerContext): void {
  const document = createOpenApiDocument(context.version);
  const page = renderDocsPage(document);
  app.get('/openapi.json', { config: { public: true } }, async () => document);
  app.get('/docs', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
}

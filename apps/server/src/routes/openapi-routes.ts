import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderCoveragePage } from '../docs/coverage-page.js';
import { renderGuidesPage } from '../docs/guides-page.js';
import { renderDocsPage } from '../openapi/docs-page.js';
import { createOpenApiDocument } from '../openapi/openapi-document.js';
import type { ServerContext } from '../server-context.js';

/** `GET /openapi.json`, `GET /docs` (the reference), `/docs/coverage` and `/docs/guides`: public, built once. */
export function registerOpenApiRoutes(app: FastifyInstance, context: ServerContext): void {
  const document = createOpenApiDocument(context.version, context.registry.list());
  const page = renderDocsPage(document);
  app.get('/openapi.json', { config: { public: true } }, async () => document);
  const coverage = renderCoveragePage(context.registry.list());
  const guides = renderGuidesPage();
  const html = (body: string) => async (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(body);
  app.get('/docs', { config: { public: true } }, html(page));
  app.get('/docs/coverage', { config: { public: true } }, html(coverage));
  app.get('/docs/guides', { config: { public: true } }, html(guides));
  // Browsers ask for it on every page; without a token it would be a 401 in the console.
  app.get('/favicon.ico', { config: { public: true } }, async (_request, reply) => reply.code(204).send());
}

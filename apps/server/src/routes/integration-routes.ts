import { type AnyUserDirectoryConnectorV1, computeManifestCoverage, NotFoundError } from '@unidir/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../server-context.js';
import { collectFieldNotes } from './integration-field-notes.js';

async function sandboxFields(context: ServerContext, integration: string) {
  const problem = await context.sandboxes.unavailableReason(integration);
  return problem === undefined
    ? { sandbox_available: true }
    : { sandbox_available: false, sandbox_problem: problem };
}

async function describeIntegration(context: ServerContext, connector: AnyUserDirectoryConnectorV1) {
  return {
    id: connector.id,
    display_name: connector.displayName,
    provider_hosts: connector.providerHosts,
    ...(await sandboxFields(context, connector.id)),
    field_notes: collectFieldNotes(connector.manifest),
    manifest: connector.manifest,
  };
}

/** `GET /integrations`: the loaded connectors, their field notes and manifests, and the coverage counts computed from them. */
export function registerIntegrationRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/integrations', async () => {
    const connectors = context.registry.list();
    const result = await Promise.all(connectors.map((connector) => describeIntegration(context, connector)));
    return {
      result,
      coverage: computeManifestCoverage(
        connectors.map((connector) => ({ id: connector.id, manifest: connector.manifest })),
      ),
    };
  });

  app.get('/integrations/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const connector = context.registry.get(request.params.id);
    if (!connector) {
      throw new NotFoundError({
        message: `No integration "${request.params.id}" is loaded. Loaded: ${context.registry
          .list()
          .map((candidate) => candidate.id)
          .join(', ')}.`,
        resource: 'integrations',
        id: request.params.id,
      });
    }
    return describeIntegration(context, connector);
  });
}

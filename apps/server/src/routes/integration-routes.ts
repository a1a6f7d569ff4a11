import { computeManifestCoverage } from '@unidir/core';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

async function sandboxFields(context: ServerContext, integration: string) {
  const problem = await context.sandboxes.unavailableReason(integration);
  return problem === undefined
    ? { sandbox_available: true }
    : { sandbox_available: false, sandbox_problem: problem };
}

/** `GET /integrations`: the loaded connectors, their manifests, and the coverage counts computed from them. */
export function registerIntegrationRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/integrations', async () => {
    const connectors = context.registry.list();
    const result = await Promise.all(
      connectors.map(async (connector) => ({
        id: connector.id,
        display_name: connector.displayName,
        provider_hosts: connector.providerHosts,
        ...(await sandboxFields(context, connector.id)),
        manifest: connector.manifest,
      })),
    );
    return {
      result,
      coverage: computeManifestCoverage(
        connectors.map((connector) => ({ id: connector.id, manifest: connector.manifest })),
      ),
    };
  });
}

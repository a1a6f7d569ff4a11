import { computeManifestCoverage } from '@unidir/core';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.js';

/** `GET /integrations`: the loaded connectors, their manifests, and the coverage counts computed from them. */
export function registerIntegrationRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/integrations', async () => {
    const connectors = context.registry.list();
    const result = await Promise.all(
      connectors.map(async (connector) => ({
        id: connector.id,
        display_name: connector.displayName,
        provider_hosts: connector.providerHosts,
        sandbox_available: await context.sandboxes.supports(connector.id),
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

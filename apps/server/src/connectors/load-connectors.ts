import type { AnyUserDirectoryConnectorV1, StartConnectorSandbox } from '@unidir/core';
import { ConnectorRegistry, loadConnectorPackages } from '@unidir/runtime';
import type { SandboxStarterLookup } from '../accounts/sandbox-manager.js';

export interface LoadedConnectors {
  registry: ConnectorRegistry;
  findSandboxStarter: SandboxStarterLookup;
}

import { createHostProjectImporter, type ImportModule } from './import-from-host-project.js';

export type { ImportModule };

/**
 * The connectors to serve: given directly (tests, embedding), or imported by package name from the host
 * project (the working directory), then from the server's own dependencies. A package's
 * sandbox comes from its `./testing` entry (`startSandbox`), imported only when a sandbox is first needed.
 */
export async function loadConnectors(options: {
  connectors?: readonly AnyUserDirectoryConnectorV1[];
  packageNames: readonly string[];
  sandboxes?: Readonly<Record<string, StartConnectorSandbox>>;
  importModule?: ImportModule;
}): Promise<LoadedConnectors> {
  const importModule = options.importModule ?? createHostProjectImporter(process.cwd());
  const packageOf = new Map<string, string>();
  let registry: ConnectorRegistry;
  if (options.connectors) {
    registry = new ConnectorRegistry(options.connectors);
  } else {
    registry = new ConnectorRegistry();
    for (const packageName of options.packageNames) {
      // One package at a time, so each connector id is known to come from its package.
      for (const connector of (await loadConnectorPackages([packageName], importModule)).list()) {
        registry.register(connector, packageName);
        packageOf.set(connector.id, packageName);
      }
    }
  }
  const starters = new Map<string, Promise<StartConnectorSandbox | undefined>>();
  const findSandboxStarter: SandboxStarterLookup = (integration) => {
    const given = options.sandboxes?.[integration];
    if (given) return Promise.resolve(given);
    const packageName = packageOf.get(integration);
    if (packageName === undefined) return Promise.resolve(undefined);
    let starter = starters.get(integration);
    if (!starter) {
      starter = importModule(`${packageName}/testing`).then(
        (testing) => {
          // A package with several integrations names each one's sandbox; `startSandbox` serves the rest.
          const { sandboxes, startSandbox } = testing as { sandboxes?: unknown; startSandbox?: unknown };
          const named =
            typeof sandboxes === 'object' && sandboxes !== null && Object.hasOwn(sandboxes, integration)
              ? (sandboxes as Record<string, unknown>)[integration]
              : undefined;
          const starter = typeof named === 'function' ? named : startSandbox;
          return typeof starter === 'function' ? (starter as StartConnectorSandbox) : undefined;
        },
        () => undefined,
      );
      starters.set(integration, starter);
    }
    return starter;
  };
  return { registry, findSandboxStarter };
}

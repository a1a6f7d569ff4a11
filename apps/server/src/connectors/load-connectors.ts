import type { AnyUserDirectoryConnectorV1, StartConnectorSandbox } from '@unidir/core';
import { ConnectorRegistry, loadConnectorPackages } from '@unidir/runtime';
import type { SandboxStarterLookup } from '../accounts/sandbox-manager.js';

export interface LoadedConnectors {
  registry: ConnectorRegistry;
  findSandboxStarter: SandboxStarterLookup;
  /** Why an integration has no sandbox, once its `./testing` entry was looked for. */
  sandboxProblem(integration: string): string | undefined;
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
  /** Told when a package's `./testing` entry exists but fails to import (a broken build, a missing dependency). */
  onSandboxImportError?: (details: { integration: string; packageName: string; error: unknown }) => void;
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
  const problems = new Map<string, string>();
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
          if (typeof starter === 'function') return starter as StartConnectorSandbox;
          problems.set(integration, `${packageName}/testing exports no startSandbox for ${integration}`);
          return undefined;
        },
        (error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
            problems.set(integration, `${packageName} has no ./testing entry`);
          } else {
            const reason = error instanceof Error ? error.message : String(error);
            problems.set(integration, `${packageName}/testing could not be imported: ${reason}`);
            options.onSandboxImportError?.({ integration, packageName, error });
          }
          return undefined;
        },
      );
      starters.set(integration, starter);
    }
    return starter;
  };
  return { registry, findSandboxStarter, sandboxProblem: (integration) => problems.get(integration) };
}

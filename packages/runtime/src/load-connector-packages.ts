import type { AnyUserDirectoryConnectorV1 } from '@unidir/core';
import { ConnectorLoadError } from './connector-load-error.js';
import { ConnectorRegistry } from './connector-registry.js';

/** npm's rules for a package name (optionally scoped); a subpath, a path or a URL does not match. */
const barePackageNamePattern = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
const maxPackageNameLength = 214;

export function isBarePackageName(name: string): boolean {
  return name.length <= maxPackageNameLength && barePackageNamePattern.test(name) && !name.includes('..');
}

const importByName = (name: string): Promise<unknown> => import(name);

/**
 * A package offers one integration as `connector` (or its default export), or several as `connectors`
 * (the SCIM package: a generic connector and one per app preset).
 */
function exportedConnectors(moduleNamespace: unknown): unknown[] | undefined {
  if (typeof moduleNamespace !== 'object' || moduleNamespace === null) return undefined;
  const exports = moduleNamespace as { connectors?: unknown; connector?: unknown; default?: unknown };
  if (Array.isArray(exports.connectors)) return exports.connectors;
  const single = exports.connector ?? exports.default;
  return single === undefined ? undefined : [single];
}

/**
 * Imports each package and registers the connectors it exports (`connectors`, else `connector`, else the
 * default export).
 * Only bare npm package names are accepted: a path or URL (`./x`, `/x`, `file:`, `node:`, `data:`,
 * `http:`) could make the host run code the operator never installed. `importModule` replaces `import()`
 * (tests, bundlers).
 */
export async function loadConnectorPackages(
  packageNames: readonly string[],
  importModule: (name: string) => Promise<unknown> = importByName,
): Promise<ConnectorRegistry> {
  for (const packageName of packageNames) {
    if (!isBarePackageName(packageName)) {
      throw new ConnectorLoadError({
        source: JSON.stringify(packageName),
        problems: [
          'it is not a bare npm package name (relative or absolute paths and URLs such as file:, node:, data: or http: are refused)',
        ],
      });
    }
  }
  const registry = new ConnectorRegistry();
  for (const packageName of packageNames) {
    let moduleNamespace: unknown;
    try {
      moduleNamespace = await importModule(packageName);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectorLoadError({
        source: `package "${packageName}"`,
        packageName,
        problems: [`it could not be imported (${reason})`],
        cause: error,
      });
    }
    const connectors = exportedConnectors(moduleNamespace);
    if (connectors === undefined) {
      throw new ConnectorLoadError({
        source: `package "${packageName}"`,
        packageName,
        problems: ['it exports neither `connectors`, `connector` nor a default export'],
      });
    }
    for (const connector of connectors) {
      registry.register(connector as AnyUserDirectoryConnectorV1, packageName);
    }
  }
  return registry;
}

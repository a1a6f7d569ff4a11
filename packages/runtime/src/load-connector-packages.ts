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

function exportedConnector(moduleNamespace: unknown): unknown {
  if (typeof moduleNamespace !== 'object' || moduleNamespace === null) return undefined;
  const exports = moduleNamespace as { connector?: unknown; default?: unknown };
  return exports.connector ?? exports.default;
}

/**
 * Imports each package and registers the connector it exports (`connector`, else the default export).
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
    const connector = exportedConnector(moduleNamespace);
    if (connector === undefined) {
      throw new ConnectorLoadError({
        source: `package "${packageName}"`,
        packageName,
        problems: ['it exports neither `connector` nor a default export'],
      });
    }
    registry.register(connector as AnyUserDirectoryConnectorV1, packageName);
  }
  return registry;
}

import type { AnyUserDirectoryConnectorV1 } from '@unidir/core';
import { ConnectorLoadError } from './connector-load-error.js';
import { findConnectorProblems } from './connector-validation.js';

interface RegisteredConnector {
  connector: AnyUserDirectoryConnectorV1;
  packageName?: string;
}

/** The connectors a host serves, by id. Every connector is checked against contract v1 when it is added. */
export class ConnectorRegistry {
  readonly #connectors = new Map<string, RegisteredConnector>();

  constructor(connectors: readonly AnyUserDirectoryConnectorV1[] = []) {
    for (const connector of connectors) this.register(connector);
  }

  /**
   * Adds a connector; throws ConnectorLoadError when it breaks the contract or its id is taken.
   * `packageName` names where it came from in errors.
   */
  register(connector: AnyUserDirectoryConnectorV1, packageName?: string): void {
    const source = packageName === undefined ? describeConnector(connector) : `package "${packageName}"`;
    const problems = findConnectorProblems(connector);
    if (problems.length > 0) {
      throw new ConnectorLoadError({
        source,
        problems,
        ...(packageName === undefined ? {} : { packageName }),
      });
    }
    const existing = this.#connectors.get(connector.id);
    if (existing) {
      const origin = existing.packageName === undefined ? '' : ` by package "${existing.packageName}"`;
      throw new ConnectorLoadError({
        source,
        problems: [`the connector id "${connector.id}" is already registered${origin}`],
        ...(packageName === undefined ? {} : { packageName }),
      });
    }
    this.#connectors.set(connector.id, { connector, ...(packageName === undefined ? {} : { packageName }) });
  }

  get(id: string): AnyUserDirectoryConnectorV1 | undefined {
    return this.#connectors.get(id)?.connector;
  }

  list(): AnyUserDirectoryConnectorV1[] {
    return [...this.#connectors.values()].map((entry) => entry.connector);
  }
}

function describeConnector(connector: unknown): string {
  const id =
    typeof connector === 'object' && connector !== null ? (connector as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `"${id}"` : '(without an id)';
}

import { inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorLoadError } from './connector-load-error.js';
import { isBarePackageName, loadConnectorPackages } from './load-connector-packages.js';

/** Fake modules by package name, as `import()` would return them. */
function modules(table: Record<string, unknown>) {
  const imported: string[] = [];
  const importModule = async (name: string) => {
    imported.push(name);
    if (!(name in table)) throw new Error(`Cannot find package '${name}'`);
    return table[name];
  };
  return { imported, importModule };
}

async function loadError(promise: Promise<unknown>): Promise<ConnectorLoadError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectorLoadError);
  return error as ConnectorLoadError;
}

describe('loadConnectorPackages', () => {
  it('loads a `connector` named export and a default export', async () => {
    const { importModule } = modules({
      '@acme/unidir-connector-memory': { connector: inMemoryConnector },
      'unidir-connector-other': { default: { ...inMemoryConnector, id: 'other' } },
    });
    const registry = await loadConnectorPackages(
      ['@acme/unidir-connector-memory', 'unidir-connector-other'],
      importModule,
    );
    expect(registry.list().map((connector) => connector.id)).toEqual(['in-memory', 'other']);
  });

  it('prefers the `connector` export over the default one', async () => {
    const { importModule } = modules({ both: { connector: inMemoryConnector, default: { id: 'broken' } } });
    const registry = await loadConnectorPackages(['both'], importModule);
    expect(registry.get('in-memory')).toBe(inMemoryConnector);
  });

  it('loads every connector of a package that offers several integrations as `connectors`', async () => {
    const second = { ...inMemoryConnector, id: 'in-memory-preset', displayName: 'In-memory preset' };
    const { importModule } = modules({
      'several-package': { connectors: [inMemoryConnector, second], connector: inMemoryConnector },
    });
    const registry = await loadConnectorPackages(['several-package'], importModule);
    expect(registry.list().map((connector) => connector.id)).toEqual(['in-memory', 'in-memory-preset']);
  });

  it('refuses anything that is not a bare package name, before importing anything', async () => {
    const refused = [
      './connector.js',
      '../connector',
      '/opt/connector.js',
      'file:///opt/connector.js',
      'node:fs',
      'data:text/javascript,export default 1',
      'http://evil.example/connector.js',
      'https://evil.example/connector.js',
      '@acme/../x',
      '@acme/connector/deep/path',
      'Uppercase',
      '.hidden',
      '',
    ];
    for (const name of refused) {
      const { imported, importModule } = modules({ 'fine-package': { connector: inMemoryConnector } });
      const error = await loadError(loadConnectorPackages(['fine-package', name], importModule));
      expect(error.code).toBe('connector_load_failed');
      expect(error.message).toContain(JSON.stringify(name));
      expect(error.message).toContain('not a bare npm package name');
      expect(imported).toEqual([]);
    }
    expect(isBarePackageName('@unidir/connector-azure-ad')).toBe(true);
    expect(isBarePackageName('connector.v2_beta~x')).toBe(true);
  });

  it('names the package whose import failed', async () => {
    const { importModule } = modules({});
    const error = await loadError(loadConnectorPackages(['@acme/missing'], importModule));
    expect(error.message).toBe(
      'Cannot load connector package "@acme/missing": it could not be imported (Cannot find package \'@acme/missing\').',
    );
    expect(error.packageName).toBe('@acme/missing');
    expect(error.details).toMatchObject({ package: '@acme/missing' });
  });

  it('names the package that exports no connector', async () => {
    const { importModule } = modules({ 'empty-package': { somethingElse: 1 } });
    const error = await loadError(loadConnectorPackages(['empty-package'], importModule));
    expect(error.message).toMatch(
      /package "empty-package": it exports neither `connectors`, `connector` nor a default export/,
    );
  });

  it('names the package and the version of a connector written for another contract version', async () => {
    const { importModule } = modules({
      'future-connector': { connector: { ...inMemoryConnector, specificationVersion: 'v3' } },
    });
    const error = await loadError(loadConnectorPackages(['future-connector'], importModule));
    expect(error.message).toBe(
      'Cannot load connector package "future-connector": its specificationVersion is "v3", and this runtime supports only "v1".',
    );
  });

  it('lists every problem of an invalid export', async () => {
    const { importModule } = modules({
      'sloppy-connector': { default: { ...inMemoryConnector, id: 'Sloppy', settingsSchema: {} } },
    });
    const error = await loadError(loadConnectorPackages(['sloppy-connector'], importModule));
    expect(error.problems).toEqual([
      'its id "Sloppy" is not lower-case words joined by dashes (like "azure-ad", at most 64 characters)',
      'settingsSchema is not a zod schema',
    ]);
    expect(error.message).toContain('package "sloppy-connector"');
  });

  it('refuses two packages exporting the same connector id, naming both', async () => {
    const { importModule } = modules({
      first: { connector: inMemoryConnector },
      second: { connector: inMemoryConnector },
    });
    const error = await loadError(loadConnectorPackages(['first', 'second'], importModule));
    expect(error.message).toBe(
      'Cannot load connector package "second": the connector id "in-memory" is already registered by package "first".',
    );
  });

  it('imports real packages by name with the default importer', async () => {
    const error = await loadError(loadConnectorPackages(['unidir-package-that-is-not-installed']));
    expect(error.message).toMatch(/could not be imported/);
  });
});

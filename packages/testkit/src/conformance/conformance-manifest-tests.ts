import { operationNames } from '@unidir/core';
import { expect, it } from 'vitest';
import type { ConnectorConformanceOptions } from './conformance-options.js';

const sampleTarget = { userId: 'user-id', groupId: 'group-id' };

/** Checks that need no provider: the connector's shape and that its manifest matches what it implements. */
export function registerManifestTests(options: ConnectorConformanceOptions): void {
  const { connector } = options;

  it('is a v1 connector with a kebab-case id and the schemas and hosts the runtime needs', () => {
    expect(connector.specificationVersion).toBe('v1');
    expect(connector.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(connector.displayName.length).toBeGreaterThan(0);
    expect(typeof connector.credentialsSchema.safeParse).toBe('function');
    expect(typeof connector.settingsSchema.safeParse).toBe('function');
    expect(Array.isArray(connector.providerHosts)).toBe(true);
  });

  it('declares in its manifest exactly the user and group operations it implements', () => {
    for (const resource of ['users', 'groups'] as const) {
      for (const operation of operationNames) {
        const declared = connector.manifest[resource]?.[operation] !== undefined;
        const operations = connector[resource] as Record<string, unknown> | undefined;
        const implemented = typeof operations?.[operation] === 'function';
        expect(declared, `${resource}.${operation}: declared ${declared}, implemented ${implemented}`).toBe(
          implemented,
        );
      }
    }
    expect(typeof connector.users?.list, 'users.list is required').toBe('function');
    expect(typeof connector.users?.get, 'users.get is required').toBe('function');
  });

  it('is given a body for every write operation it implements, so each round trip is tested', () => {
    expect(
      typeof connector.users?.create === 'function',
      'createUserBody given iff users.create exists',
    ).toBe(options.createUserBody !== undefined);
    expect(
      typeof connector.users?.update === 'function',
      'updateUserBody given iff users.update exists',
    ).toBe(options.updateUserBody !== undefined);
    expect(
      typeof connector.users?.delete === 'function',
      'delete scenarios given iff users.delete exists',
    ).toBe(options.deleteScenarios.length > 0);
  });

  it('exercises every delete parameter its manifest declares, in a scenario or a refused set', () => {
    const declared = Object.keys(connector.manifest.users?.delete?.parameters ?? {}).filter(
      (name) => !name.includes('.') && name !== 'remote_query',
    );
    const exercised = new Set([
      ...options.deleteScenarios.flatMap((scenario) => Object.keys(scenario.parameters(sampleTarget))),
      ...options.refusedDeleteParameters.flatMap((parameters) => Object.keys(parameters)),
    ]);
    expect(declared.filter((name) => !exercised.has(name))).toEqual([]);
  });
}

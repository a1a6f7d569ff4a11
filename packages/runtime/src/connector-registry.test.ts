import { inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorLoadError } from './connector-load-error.js';
import { ConnectorRegistry } from './connector-registry.js';
import { createRecordingConnector, createRecordingProvider } from './test-support/recording-connector.js';

function problemsOf(candidate: unknown): readonly string[] {
  try {
    new ConnectorRegistry().register(candidate as typeof inMemoryConnector);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorLoadError);
    expect((error as ConnectorLoadError).code).toBe('connector_load_failed');
    return (error as ConnectorLoadError).problems;
  }
  throw new Error('the connector was accepted');
}

describe('ConnectorRegistry', () => {
  it('registers valid connectors and finds them by id', () => {
    const recording = createRecordingConnector(createRecordingProvider());
    const registry = new ConnectorRegistry([inMemoryConnector, recording]);
    expect(registry.get('in-memory')).toBe(inMemoryConnector);
    expect(registry.get('recording')).toBe(recording);
    expect(registry.get('missing')).toBeUndefined();
    expect(registry.list().map((connector) => connector.id)).toEqual(['in-memory', 'recording']);
  });

  it('refuses a second connector with the same id', () => {
    const registry = new ConnectorRegistry([inMemoryConnector]);
    expect(() => registry.register({ ...inMemoryConnector })).toThrow(/"in-memory" is already registered/);
  });

  it('refuses an unknown specification version and names it', () => {
    expect(problemsOf({ ...inMemoryConnector, specificationVersion: 'v2' })).toEqual([
      'its specificationVersion is "v2", and this runtime supports only "v1"',
    ]);
    expect(problemsOf({ id: 'x' })[0]).toMatch(/no specificationVersion/);
  });

  it('refuses ids that are not lower-case dashed words', () => {
    for (const id of ['Azure', 'azure_ad', '-azure', 'azure--ad', '', 'a'.repeat(65)]) {
      expect(problemsOf({ ...inMemoryConnector, id })[0]).toMatch(/is not lower-case words joined by dashes/);
    }
  });

  it('refuses schemas that are not zod schemas and a missing createClient', () => {
    const problems = problemsOf({
      ...inMemoryConnector,
      credentialsSchema: { parse() {} },
      settingsSchema: undefined,
      createClient: 'no',
      providerHosts: 'example.test',
      displayName: ' ',
    });
    expect(problems).toEqual([
      'displayName must be a non-empty string',
      'credentialsSchema is not a zod schema',
      'settingsSchema is not a zod schema',
      'providerHosts must be an array of host names',
      'createClient must be a function',
    ]);
  });

  it('refuses a manifest operation that is not implemented, and an implemented one the manifest omits', () => {
    const { get: _get, ...usersWithoutGet } = inMemoryConnector.users ?? {};
    expect(problemsOf({ ...inMemoryConnector, users: usersWithoutGet })).toEqual([
      'manifest declares users.get but the connector does not implement it',
    ]);
    const { create: _create, ...manifestWithoutCreate } = inMemoryConnector.manifest.users ?? {};
    expect(problemsOf({ ...inMemoryConnector, manifest: { users: manifestWithoutCreate } })).toEqual([
      'users.create is implemented but the manifest does not declare it',
    ]);
  });

  it('refuses malformed manifests', () => {
    const users = inMemoryConnector.manifest.users;
    const problems = problemsOf({
      ...inMemoryConnector,
      manifest: {
        users: {
          ...users,
          list: { parameters: { colour: {}, email: { required: 'yes', values: [1] } }, fields: [] },
        },
        me: { get: { parameters: {}, fields: {} } },
        teams: {},
      },
    });
    expect(problems).toEqual([
      'manifest.users.list.fields must be an object',
      'manifest.users.list declares parameter "colour", which is not a parameter of that operation',
      'manifest.users.list.parameters.email.required must be a boolean',
      'manifest.users.list.parameters.email.values must be an array of strings',
      'manifest.me.get is not an operation of me in contract v1',
      'manifest declares an unknown resource "teams"',
    ]);
  });

  it('refuses operations outside contract v1 and non-function operations', () => {
    const problems = problemsOf({
      ...inMemoryConnector,
      users: { ...inMemoryConnector.users, downgrade: async () => null, get: 'nope' },
      roles: { delete: async () => null },
      manifest: { ...inMemoryConnector.manifest, roles: { delete: { parameters: {}, fields: {} } } },
    });
    expect(problems).toEqual([
      'manifest.roles.delete is not an operation of roles in contract v1',
      'users.get must be a function',
      'users.downgrade is not an operation of users in contract v1',
      'manifest declares users.get but the connector does not implement it',
      'roles.delete is not an operation of roles in contract v1',
    ]);
  });

  it('accepts body fields as create parameters (they document what can be written)', () => {
    expect(() => new ConnectorRegistry([createRecordingConnector(createRecordingProvider())])).not.toThrow();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createGeneratedDirectoryConnector } from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** A connector package whose `./testing` entry is broken (its build missed a file, a dependency is absent). */
const connector = createGeneratedDirectoryConnector();
const modules: Record<string, () => unknown> = {
  'broken-testing': () => ({ connector }),
  'broken-testing/testing': () => {
    throw new Error("Cannot find package 'zod' imported from broken-testing/dist/testing/index.js");
  },
};
const importModule = async (name: string) => {
  const module = modules[name];
  if (!module)
    throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
  return module();
};

describe('a connector whose ./testing entry fails to import', () => {
  let leg: StorageLeg | undefined;
  let api: TestServer | undefined;
  afterEach(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('is logged with its error and reported as it is, in /integrations and on sandbox creation', async () => {
    leg = await createSqliteLeg();
    api = await startTestServer({ ...leg.config, connectorPackages: ['broken-testing'] }, { importModule });
    const token = await api.createToken('default');
    const integrations = await api.call('GET', '/integrations', { token });
    expect(integrations.body.result).toEqual([
      expect.objectContaining({
        id: 'generated',
        sandbox_available: false,
        sandbox_problem: expect.stringContaining(
          "broken-testing/testing could not be imported: Cannot find package 'zod'",
        ),
      }),
    ]);
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'generated', sandbox: true },
    });
    expect(created.status).toBe(400);
    expect(created.body.code).toBe('sandbox_unavailable');
    expect(created.body.message).toContain('could not be imported');
    const logged = api.logs.filter((line) => line.includes('a connector sandbox failed to import'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
      integration: 'generated',
      package: 'broken-testing',
    });
  });
});

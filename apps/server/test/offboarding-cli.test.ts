import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allDeletes,
  leaverEmail,
  offboardingIntegrations,
  recordingSandboxes,
} from './support/offboarding-fakes.js';
import { tsNodeArguments } from './support/server-process.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const serverDirectory = fileURLToPath(new URL('..', import.meta.url));

function runCli(environment: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      tsNodeArguments('src/cli.ts', 'offboard', ...args),
      { cwd: serverDirectory, env: { PATH: process.env.PATH ?? '', ...environment } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('unidir offboard', () => {
  let leg: StorageLeg;
  let server: TestServer;
  let environment: Record<string, string>;
  const { sandboxes, started } = recordingSandboxes();

  beforeAll(async () => {
    leg = await createSqliteLeg();
    server = await startTestServer(
      { ...leg.config, connectorPackages: offboardingIntegrations.map((id) => `@unidir/connector-${id}`) },
      { sandboxes },
    );
    const token = await server.createToken('cli-tenant');
    for (const integration of offboardingIntegrations) {
      await server.call('POST', '/integrated-accounts', { token, body: { integration, sandbox: true } });
    }
    environment = { UNIDIR_URL: server.url, UNIDIR_TOKEN: token };
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await leg?.dispose();
  });

  it('plans with --dry-run, changing nothing, and exits 0', async () => {
    const result = await runCli(environment, leaverEmail, '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ACCOUNT +INTEGRATION +STATUS +USER +DETAIL$/m);
    expect(result.stdout.match(/ planned {2,}\S+ {2,}would soft_delete$/gm)).toHaveLength(
      offboardingIntegrations.length,
    );
    for (const fake of started) expect(allDeletes(fake)).toHaveLength(0);
  }, 60_000);

  it('offboards, printing a line per change and the final table, and exits 0', async () => {
    const result = await runCli(environment, leaverEmail, '--reason', 'left');
    expect(result.code).toBe(0);
    for (const integration of offboardingIntegrations) {
      expect(result.stdout).toMatch(new RegExp(`^${integration} \\S+ done - soft_delete done$`, 'm'));
    }
    expect(result.stdout).toMatch(/: succeeded$/m);
    for (const fake of started) expect(allDeletes(fake)).toHaveLength(1);
  }, 60_000);

  it('exits 1 when a step did not end done (the person is unknown)', async () => {
    const result = await runCli(environment, 'nobody.here@unidir.test');
    expect(result.code).toBe(1);
    expect(result.stdout.match(/ not_found /g)?.length).toBeGreaterThanOrEqual(
      offboardingIntegrations.length,
    );
  }, 60_000);

  it('exits 2 without a token, before calling anything', async () => {
    const result = await runCli({ UNIDIR_URL: server.url }, leaverEmail);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--token');
  }, 60_000);
});

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a third party does, end to end, from the packed tarballs only: scaffold a connector with
 * create-unidir-connector, install it and run its own tests, then install @unidir/server and that
 * connector in a separate host project and list users through `unidir serve`.
 */
const repository = resolve(import.meta.dirname, '../../..');
const workspace = mkdtempSync(join(tmpdir(), 'unidir-host-'));
const npmEnvironment = {
  ...process.env,
  npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

function tarballs(): Record<string, string> {
  let directory = process.env.UNIDIR_PACKED_TARBALLS;
  if (!directory) {
    directory = join(workspace, 'tarballs');
    execFileSync('node', [join(repository, 'scripts/check-packages.mjs'), '--pack-to', directory], {
      stdio: 'pipe',
    });
  }
  const byName: Record<string, string> = {};
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.tgz'))) {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', join(directory, file), 'package/package.json'], { encoding: 'utf8' }),
    );
    byName[manifest.name] = `file:${join(directory, file)}`;
  }
  return byName;
}

function npm(directory: string, args: string[]): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: directory,
    env: npmEnvironment,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** Every @unidir package comes from its tarball, wherever it is depended on. */
function pinToTarballs(
  manifestPath: string,
  packed: Record<string, string>,
  extra: Record<string, string> = {},
) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const unidir = Object.fromEntries(Object.entries(packed).filter(([name]) => name.startsWith('@unidir/')));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (unidir[name]) manifest[field][name] = unidir[name];
    }
  }
  manifest.dependencies = { ...manifest.dependencies, ...extra };
  manifest.overrides = unidir;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('a connector written outside this repository', () => {
  let packed: Record<string, string>;
  const connectorDirectory = join(workspace, 'unidir-connector-acme-hr');
  let connectorTarball = '';

  beforeAll(() => {
    packed = tarballs();
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('is scaffolded by create-unidir-connector from its tarball, and passes its own tests', () => {
    const tools = join(workspace, 'tools');
    execFileSync('mkdir', ['-p', tools]);
    writeFileSync(join(tools, 'package.json'), '{"private":true}');
    npm(tools, ['install', packed['create-unidir-connector'] as string]);
    const output = execFileSync(
      join(tools, 'node_modules/.bin/create-unidir-connector'),
      [connectorDirectory, '--name', 'Acme HR'],
      { encoding: 'utf8' },
    );
    expect(output).toContain('Created unidir-connector-acme-hr (connector id "acme-hr")');
    expect(readdirSync(join(connectorDirectory, 'src'))).toContain('acme-hr-connector.ts');
    pinToTarballs(join(connectorDirectory, 'package.json'), packed);
    npm(connectorDirectory, ['install']);
    const tests = execFileSync('npx', ['vitest', 'run'], {
      cwd: connectorDirectory,
      env: npmEnvironment,
      encoding: 'utf8',
    });
    expect(tests).toMatch(/Tests\s+\d+ passed/);
    npm(connectorDirectory, ['pack', '--pack-destination', workspace]);
    connectorTarball = join(workspace, 'unidir-connector-acme-hr-0.1.0.tgz');
  });

  it('loads by package name into a host project and serves its users', async () => {
    expect(connectorTarball, 'the scaffolded connector was packed').not.toBe('');
    const host = join(workspace, 'host');
    execFileSync('mkdir', ['-p', host]);
    writeFileSync(join(host, 'package.json'), '{"name":"host","private":true,"type":"module"}');
    pinToTarballs(join(host, 'package.json'), packed, {
      '@unidir/server': packed['@unidir/server'] as string,
      'unidir-connector-acme-hr': `file:${connectorTarball}`,
    });
    npm(host, ['install']);
    const port = await freePort();
    const token = 'unidir_host_project_test_0123456789';
    const server = spawn(join(host, 'node_modules/.bin/unidir'), ['serve'], {
      cwd: host,
      env: {
        ...process.env,
        PORT: String(port),
        UNIDIR_CONNECTORS: 'unidir-connector-acme-hr',
        UNIDIR_BOOTSTRAP_TOKEN: token,
        UNIDIR_DATA_DIR: join(host, 'data'),
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let attempt = 0; ; attempt++) {
        const health = await fetch(`${base}/health`).catch(() => undefined);
        if (health?.ok) break;
        if (attempt > 100 || server.exitCode !== null)
          throw new Error(`the server did not start:\n${output}`);
        await new Promise((done) => setTimeout(done, 200));
      }
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const integrations = (await (await fetch(`${base}/integrations`, { headers })).json()) as {
        result: Array<{ id: string }>;
      };
      expect(integrations.result.map((integration) => integration.id)).toEqual(['acme-hr']);
      const account = (await (
        await fetch(`${base}/integrated-accounts`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ integration: 'acme-hr', sandbox: true }),
        })
      ).json()) as { id: string };
      const users = await fetch(
        `${base}/unified/user-directory/users?integrated_account_id=${account.id}&limit=5`,
        { headers },
      );
      expect(users.status).toBe(200);
      const page = (await users.json()) as {
        result_count: number;
        result: Array<{ emails: Array<{ email: string }> }>;
      };
      expect(page.result_count).toBe(5);
      expect(page.result[0]?.emails[0]?.email).toMatch(/@example-rest\.test$|@acme-hr\.test$/);
    } finally {
      server.kill('SIGTERM');
    }
  });
});

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** Inside the package, so the generated client resolves openapi-fetch from its node_modules. */
const workDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), '.generated-client');

/** What a user writes after generating a client: the default options, then `data.result`. */
const clientSource = `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export async function listUserIds(baseUrl: string, token: string, accountId: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${token}\` } });
  const { data, error } = await client.GET('/unified/user-directory/users', {
    params: { query: { integrated_account_id: accountId, limit: 2 } },
  });
  if (error) throw new Error(\`\${error.code}: \${error.message}\`);
  const ids: string[] = data.result.map((user) => user.id);
  const cursor: string | null = data.next_cursor;
  return cursor === null ? ids : [...ids, 'more'];
}
`;

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    noEmit: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('a client generated with openapi-typescript and openapi-fetch', () => {
  let leg: StorageLeg;
  let api: TestServer;

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config);
    await mkdir(workDirectory, { recursive: true });
    const document = (await api.call('GET', '/openapi.json')).body;
    await writeFile(path.join(workDirectory, 'schema.ts'), astToString(await openapiTS(document)));
    await writeFile(path.join(workDirectory, 'client.ts'), clientSource);
  });

  afterAll(async () => {
    await rm(workDirectory, { recursive: true, force: true });
    await api?.close();
    await leg?.dispose();
  });

  it('type-checks a list call with the default options', () => {
    expect(typeErrors([path.join(workDirectory, 'client.ts')])).toEqual([]);
  }, 60_000);

  it('refuses code the document does not allow, so the check above means something', async () => {
    const wrong = path.join(workDirectory, 'wrong.ts');
    await writeFile(
      wrong,
      `${clientSource}\nexport const missing = (data: import('./schema.js').components['schemas']['UnifiedUser']) => data.no_such_field;\n`,
    );
    expect(typeErrors([wrong]).join('\n')).toContain('no_such_field');
  }, 60_000);

  it('makes the list call against the server', async () => {
    const token = await api.createToken('default');
    const account = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'azure-ad', sandbox: true, sandbox_users: 3 },
    });
    const { listUserIds } = (await import(path.join(workDirectory, 'client.ts'))) as {
      listUserIds(baseUrl: string, token: string, accountId: string): Promise<string[]>;
    };
    const ids = await listUserIds(api.url, token, account.body.id);
    expect(ids).toHaveLength(3);
    expect(ids.at(-1)).toBe('more');
  });
});

import {
  type FakeProviderServer,
  type Fault,
  SeededDirectory,
  startFakeProviderServer,
} from '@unidir/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderHttpClient } from './provider-http-client.js';
import { createCallContext } from './test-support/operation-context.js';

let server: FakeProviderServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A small Graph-like provider over a seeded directory, from the shared testkit. */
async function startDirectoryFake() {
  const directory = new SeededDirectory({ users: 20 });
  server = await startFakeProviderServer({
    routes: [
      {
        name: 'users.delete',
        method: 'DELETE',
        pattern: '/v1.0/users/:id',
        handle: ({ params }) =>
          directory.deleteUser(params.id ?? '')
            ? { status: 204 }
            : { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } } },
      },
      {
        name: 'users.create',
        method: 'POST',
        pattern: '/v1.0/users',
        handle: ({ body }) => ({ status: 201, body: directory.createUser(body as Record<string, string>) }),
      },
    ],
  });
  const client = createProviderHttpClient({
    baseUrl: `${server.url}/v1.0`,
    allowInsecure: true,
    retry: { random: () => 0 },
  });
  return { directory, client, server };
}

describe('the HTTP client against the testkit fake provider', () => {
  it('R4: a DELETE under commit-then-fail (5xx or reset) succeeds as already_done with no second effect', async () => {
    const faults: Array<{ fault: Fault; firstStatus: number }> = [
      { fault: { kind: 'commit-then-fail', status: 503 }, firstStatus: 503 },
      // A reset leaves no status in the journal.
      { fault: { kind: 'commit-then-fail' }, firstStatus: 0 },
    ];
    for (const { fault, firstStatus } of faults) {
      const { directory, client, server: fake } = await startDirectoryFake();
      const [target] = directory.listUsers({ offset: 0, limit: 1 }).users;
      const before = directory.listUsers({ offset: 0, limit: 100 }).total;
      fake.injectFault({ route: 'users.delete', nth: [1], fault });
      const response = await client.request(
        {
          method: 'DELETE',
          path: ['users', target?.id ?? ''],
          idempotent: true,
          notFoundOnRetryMeansDone: true,
          description: 'delete user',
        },
        createCallContext(),
      );
      expect(response.outcome).toBe('already_done');
      expect(directory.listUsers({ offset: 0, limit: 100 }).total).toBe(before - 1);
      expect(fake.journal.forRoute('users.delete').map((entry) => entry.status)).toEqual([firstStatus, 404]);
      await fake.close();
      server = undefined;
    }
  });

  it('R1: a POST under commit-then-fail is not repeated, so the provider creates exactly one user', async () => {
    const { directory, client, server: fake } = await startDirectoryFake();
    const before = directory.listUsers({ offset: 0, limit: 100 }).total;
    fake.injectFault({ route: 'users.create', nth: [1], fault: { kind: 'commit-then-fail', status: 502 } });
    await expect(
      client.request(
        {
          method: 'POST',
          path: ['users'],
          body: { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@x.example' },
        },
        createCallContext(),
      ),
    ).rejects.toMatchObject({ providerStatus: 502 });
    expect(fake.journal.forRoute('users.create')).toHaveLength(1);
    expect(directory.listUsers({ offset: 0, limit: 100 }).total).toBe(before + 1);
  });
});

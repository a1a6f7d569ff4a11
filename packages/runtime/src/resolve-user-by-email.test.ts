import { type AnyUserDirectoryConnectorV1, UnidirError } from '@unidir/core';
import { createInMemoryDirectory, inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import { silentLogger } from './test-support/recording-connector.js';
import { createUnifiedRuntime } from './unified-runtime.js';

/** The example connector, declaring what a delete by email needs: an email filter and `emails` on delete. */
const findsByEmail: AnyUserDirectoryConnectorV1 = {
  ...inMemoryConnector,
  id: 'in-memory-by-email',
  manifest: {
    users: {
      ...inMemoryConnector.manifest.users,
      delete: {
        ...inMemoryConnector.manifest.users?.delete,
        parameters: {
          ...inMemoryConnector.manifest.users?.delete?.parameters,
          emails: { notes: 'Names the user instead of the id.' },
        },
        fields: { id: {} },
      },
    },
  },
};

function setUp(connector: AnyUserDirectoryConnectorV1 = findsByEmail) {
  const directory = createInMemoryDirectory(5);
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: silentLogger,
  });
  const account = { id: 'memory-1', integration: connector.id, credentials: { directory }, settings: {} };
  const deleteByEmail = (query: Record<string, unknown>) =>
    runtime.execute({ account, resource: 'users', method: 'delete', query });
  return { directory, deleteByEmail };
}

async function refusal(promise: Promise<unknown>): Promise<UnidirError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UnidirError.isInstance(error)) throw new Error(`expected a unidir error, got ${String(error)}`);
  return error;
}

describe('DELETE /users?emails[0][email]=... without an id', () => {
  it('deletes the one user with that email', async () => {
    const { directory, deleteByEmail } = setUp();
    const response = await deleteByEmail({ emails: [{ email: 'USER3@example.test' }] });
    expect(response.kind === 'json' && response.body).toMatchObject({
      id: 'user-000003',
      actions: [{ action: 'permanent_delete', target: 'user-000003', outcome: 'done' }],
    });
    expect(directory.users.has('user-000003')).toBe(false);
    expect(directory.users.size).toBe(4);
  });

  it('answers 404 for an email nobody has, and deletes nothing', async () => {
    const { directory, deleteByEmail } = setUp();
    const error = await refusal(deleteByEmail({ emails: [{ email: 'nobody@example.test' }] }));
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(directory.users.size).toBe(5);
  });

  it('answers 409 with the candidates when several users share the email, and deletes nothing', async () => {
    const { directory, deleteByEmail } = setUp();
    const twin = directory.users.get('user-000002');
    directory.users.set('user-000009', { ...twin!, id: 'user-000009' });
    const error = await refusal(deleteByEmail({ emails: [{ email: 'user2@example.test' }] }));
    expect(error).toMatchObject({ code: 'ambiguous_user', httpStatus: 409 });
    expect(error.details?.candidates).toEqual(['user-000002', 'user-000009']);
    expect(directory.users.size).toBe(6);
  });

  it('refuses a connector that does not declare emails on delete, before any read', async () => {
    const { directory, deleteByEmail } = setUp(inMemoryConnector);
    const error = await refusal(deleteByEmail({ emails: [{ email: 'user1@example.test' }] }));
    expect(error).toMatchObject({ code: 'unsupported_parameter', httpStatus: 400 });
    expect(error.message).toMatch(/give the user id in the path/);
    expect(directory.users.size).toBe(5);
  });

  it('ignores a user the provider lists although it does not have the email (a filter the provider ignored)', async () => {
    const ignoresFilter: AnyUserDirectoryConnectorV1 = {
      ...findsByEmail,
      users: {
        ...findsByEmail.users,
        // A provider that does not understand the filter answers with everyone.
        list: (parameters, context) =>
          inMemoryConnector.users!.list!({ ...parameters, email: undefined }, context),
      },
    };
    const { directory, deleteByEmail } = setUp(ignoresFilter);
    directory.users.delete('user-000002');
    directory.users.delete('user-000003');
    directory.users.delete('user-000004');
    directory.users.delete('user-000005');
    const error = await refusal(deleteByEmail({ emails: [{ email: 'victim@example.test' }] }));
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(directory.users.has('user-000001')).toBe(true);
  });

  it('asks for the id or emails when neither is given', async () => {
    const { deleteByEmail } = setUp();
    const error = await refusal(deleteByEmail({}));
    expect(error).toMatchObject({ code: 'missing_parameter', httpStatus: 400 });
  });

  it('refuses an unsupported option before looking the user up', async () => {
    const { directory, deleteByEmail } = setUp();
    const error = await refusal(
      deleteByEmail({ emails: [{ email: 'user1@example.test' }], workspace_id: 'workspace-1' }),
    );
    expect(error.code).toBe('unsupported_parameter');
    expect(directory.users.size).toBe(5);
  });
});

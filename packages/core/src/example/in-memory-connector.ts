import { z } from 'zod';
import { defineConnectorV1 } from '../define-connector.js';
import { InvalidCursorError, NotFoundError, UnsupportedParameterError } from '../errors.js';
import type { UnifiedUser } from '../unified-user.js';

/**
 * A complete connector over an in-memory directory, in about a hundred lines: the worked example of
 * the contract. For tests and documentation; it talks to no provider.
 */
export interface InMemoryDirectory {
  users: Map<string, UnifiedUser>;
  groups: Map<string, { id: string; name: string; memberIds: Set<string> }>;
}

export function createInMemoryDirectory(userCount = 0): InMemoryDirectory {
  const directory: InMemoryDirectory = { users: new Map(), groups: new Map() };
  for (let index = 1; index <= userCount; index++) {
    const id = `user-${String(index).padStart(6, '0')}`;
    directory.users.set(id, {
      id,
      name: `User ${index}`,
      emails: [{ email: `user${index}@example.test`, is_primary: true, type: 'work' }],
      status: 'active',
    });
  }
  return directory;
}

const offsetCursor = z.object({ v: z.literal(1), offset: z.number().int().nonnegative() });

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    return offsetCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).offset;
  } catch (error) {
    throw new InvalidCursorError({
      message: 'This cursor was not issued by the in-memory connector.',
      cause: error,
    });
  }
}

function requireUser(directory: InMemoryDirectory, id: string): UnifiedUser {
  const user = directory.users.get(id);
  if (!user) throw new NotFoundError({ message: `No user ${id}.`, resource: 'users', id });
  return user;
}

const asRecord = (user: UnifiedUser) => ({ unified: user, raw: { ...user } });

export const inMemoryConnector = defineConnectorV1({
  specificationVersion: 'v1',
  id: 'in-memory',
  displayName: 'In-memory example',
  credentialsSchema: z.object({ directory: z.custom<InMemoryDirectory>((value) => value instanceof Object) }),
  settingsSchema: z.object({}),
  providerHosts: [],
  manifest: {
    users: {
      list: { parameters: { email: {} }, fields: { id: {}, name: {}, emails: {}, status: {} } },
      get: { parameters: {}, fields: { id: {}, name: {}, emails: {}, status: {} } },
      create: { parameters: {}, fields: { id: {}, name: {}, emails: {}, status: {} } },
      delete: {
        parameters: {
          remove_from: { values: ['group'], notes: 'Removes the membership only; the user stays.' },
          remove_from_id: { notes: 'Required with remove_from.' },
          permanent: { notes: 'Users are always deleted permanently here.' },
        },
        fields: { id: {} },
      },
    },
  },
  createClient: (account) => account.credentials.directory,
  users: {
    async list(parameters, { client }) {
      const offset = decodeCursor(parameters.cursor);
      const limit = parameters.limit ?? 50;
      const matching = [...client.users.values()].filter(
        (user) => !parameters.email || user.emails?.some((email) => email.email === parameters.email),
      );
      const page = matching.slice(offset, offset + limit);
      const nextOffset = offset + page.length;
      return {
        records: page.map(asRecord),
        nextCursor:
          nextOffset < matching.length
            ? Buffer.from(JSON.stringify({ v: 1, offset: nextOffset })).toString('base64url')
            : null,
      };
    },
    async get(parameters, { client }) {
      return asRecord(requireUser(client, parameters.id));
    },
    async create(parameters, { client, dryRun }) {
      if (dryRun) return null;
      const user: UnifiedUser = { ...parameters.body, id: `user-${client.users.size + 1}`, status: 'active' };
      client.users.set(user.id, user);
      return asRecord(user);
    },
    async delete(parameters, { client, dryRun }) {
      const user = requireUser(client, parameters.id);
      const outcome = dryRun ? 'planned' : 'done';
      if (parameters.remove_from === 'group') {
        if (!parameters.remove_from_id) {
          throw new UnsupportedParameterError({
            parameter: 'remove_from',
            supported: [],
            reason: 'needs remove_from_id',
          });
        }
        if (!dryRun) client.groups.get(parameters.remove_from_id)?.memberIds.delete(user.id);
        return {
          id: user.id,
          actions: [{ action: 'remove_from_group', target: parameters.remove_from_id, outcome }],
        };
      }
      if (!dryRun) client.users.delete(user.id);
      return {
        id: user.id,
        user: asRecord(user),
        actions: [{ action: 'permanent_delete', target: user.id, outcome }],
      };
    },
  },
});

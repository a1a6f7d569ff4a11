import {
  type ConnectorEnvironment,
  type DeleteAction,
  defineConnectorV1,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedGroup,
  type UnifiedUser,
} from '@unidir/core';
import { z } from 'zod';

/** A user as the recording provider stores and returns it: deliberately not the unified shape. */
export interface ProviderUser {
  userId: string;
  displayName: string;
  givenName?: string;
  mail: string;
  accountEnabled: boolean;
  createdDateTime: string;
}

export interface ProviderGroup {
  groupId: string;
  title: string;
  memberIds: Set<string>;
}

/**
 * The state of a provider the recording connector talks to, and the journal of what reached it: the
 * test's view of "did the provider receive a call?".
 */
export interface RecordingProvider {
  users: Map<string, ProviderUser>;
  groups: Map<string, ProviderGroup>;
  /** Calls the provider received (dry-run mutations never appear here). */
  received: Array<{ method: string; path: string }>;
  /** Each invocation of an operation function, whatever it did. */
  operationCalls: Array<{ operation: string; parameters: unknown; context: OperationContext<unknown> }>;
  clientsBuilt: Array<{
    accountId: string;
    credentials: unknown;
    settings: unknown;
    environment: ConnectorEnvironment;
  }>;
}

export function createRecordingProvider(userCount = 5): RecordingProvider {
  const users = new Map<string, ProviderUser>();
  for (let index = 1; index <= userCount; index++) {
    const userId = `u${index}`;
    users.set(userId, {
      userId,
      displayName: `Person ${index}`,
      givenName: `Given${index}`,
      mail: `person${index}@corp.example`,
      accountEnabled: index % 2 === 1,
      createdDateTime: `2026-01-0${Math.min(index, 9)}T00:00:00.000Z`,
    });
  }
  const groups = new Map<string, ProviderGroup>([
    ['g1', { groupId: 'g1', title: 'Engineering', memberIds: new Set(['u1', 'u2']) }],
  ]);
  return { users, groups, received: [], operationCalls: [], clientsBuilt: [] };
}

export const recordingCredentialsSchema = z.object({ api_key: z.string().min(16) });
export const recordingSettingsSchema = z.object({ base_url: z.url() });

function toUnifiedUser(user: ProviderUser): RecordResult<UnifiedUser> {
  return {
    unified: {
      id: user.userId,
      name: user.displayName,
      ...(user.givenName === undefined ? {} : { first_name: user.givenName }),
      emails: [{ email: user.mail, is_primary: true }],
      status: user.accountEnabled ? 'active' : 'inactive',
      created_at: user.createdDateTime,
    },
    raw: { ...user },
  };
}

function toUnifiedGroup(group: ProviderGroup): RecordResult<UnifiedGroup> {
  return {
    unified: { id: group.groupId, name: group.title },
    raw: { groupId: group.groupId, title: group.title },
  };
}

/**
 * A connector over the recording provider that journals provider calls the way connector-utils does:
 * reads are sent, mutations in a dry run are recorded as `planned` and not sent.
 */
export function createRecordingConnector(provider: RecordingProvider) {
  function call<Result>(
    context: OperationContext<unknown>,
    method: string,
    path: string,
    perform: () => Result,
  ): Result | undefined {
    const url = `https://directory.example.test${path}`;
    if (context.dryRun && method !== 'GET') {
      context.providerCalls.push({ method, url, outcome: 'planned' });
      return undefined;
    }
    provider.received.push({ method, path });
    context.providerCalls.push({
      method,
      url,
      outcome: 'sent',
      status: 200,
      providerRequestId: `request-${provider.received.length}`,
      responseHeaders: {
        'content-type': 'application/json',
        'request-id': `request-${provider.received.length}`,
      },
    });
    return perform();
  }

  function journal(operation: string, parameters: unknown, context: OperationContext<unknown>): void {
    provider.operationCalls.push({ operation, parameters, context });
  }

  function requireUser(id: string): ProviderUser {
    const user = provider.users.get(id);
    if (!user) throw new NotFoundError({ message: `No user ${id}.`, resource: 'users', id });
    return user;
  }

  return defineConnectorV1({
    specificationVersion: 'v1',
    id: 'recording',
    displayName: 'Recording test provider',
    credentialsSchema: recordingCredentialsSchema,
    settingsSchema: recordingSettingsSchema,
    providerHosts: ['directory.example.test'],
    manifest: {
      users: {
        list: {
          parameters: {
            email: {},
            status: { values: ['active', 'inactive'] },
            created_at: { notes: 'gte only' },
            include_deleted: {},
          },
          fields: { id: {}, name: {}, first_name: {}, emails: {}, status: {}, created_at: {} },
        },
        get: {
          parameters: {},
          fields: { id: {}, name: {}, first_name: {}, emails: {}, status: {}, created_at: {} },
        },
        create: {
          parameters: { name: {}, first_name: {}, emails: { required: true }, password: {} },
          fields: { id: {}, name: {}, emails: {} },
        },
        update: { parameters: {}, fields: { id: {}, name: {}, emails: {} } },
        delete: {
          parameters: {
            permanent: { notes: 'Also purges the recycle bin.' },
            remove_from: { values: ['group'], notes: 'Only groups have members here.' },
            remove_from_id: { notes: 'Required with remove_from.' },
            product: { values: ['azure_active_directory'] },
            emails: { notes: 'Accepted for compatibility; the id decides.' },
          },
          fields: { id: {}, name: {} },
        },
      },
      groups: {
        list: { parameters: { user_id: {} }, fields: { id: {}, name: {} } },
        get: { parameters: {}, fields: { id: {}, name: {} } },
      },
    },
    createClient(account, environment) {
      provider.clientsBuilt.push({
        accountId: account.id,
        credentials: account.credentials,
        settings: account.settings,
        environment,
      });
      return { accountId: account.id };
    },
    users: {
      async list(parameters, context) {
        journal('users.list', parameters, context);
        const offset = parameters.cursor ? Number(parameters.cursor.replace('offset:', '')) : 0;
        const limit = parameters.limit ?? 2;
        const query = new URLSearchParams(context.remoteQuery as Record<string, string>).toString();
        const all =
          call(context, 'GET', `/users${query ? `?${query}` : ''}`, () => [...provider.users.values()]) ?? [];
        const matching = all.filter(
          (user) =>
            (parameters.email === undefined || user.mail === parameters.email) &&
            (parameters.status === undefined ||
              (user.accountEnabled ? 'active' : 'inactive') === parameters.status),
        );
        const page = matching.slice(offset, offset + limit);
        const next = offset + page.length;
        return {
          records: page.map(toUnifiedUser),
          nextCursor: next < matching.length ? `offset:${next}` : null,
        };
      },
      async get(parameters, context) {
        journal('users.get', parameters, context);
        return toUnifiedUser(
          call(context, 'GET', `/users/${parameters.id}`, () => requireUser(parameters.id)) as ProviderUser,
        );
      },
      async create(parameters, context) {
        journal('users.create', parameters, context);
        const created = call(context, 'POST', '/users', () => {
          const user: ProviderUser = {
            userId: `u${provider.users.size + 1}`,
            displayName: parameters.body.name ?? '',
            mail: parameters.body.emails?.[0]?.email ?? '',
            accountEnabled: true,
            createdDateTime: '2026-11-28T00:00:00.000Z',
            ...(parameters.body.first_name === undefined ? {} : { givenName: parameters.body.first_name }),
          };
          provider.users.set(user.userId, user);
          return user;
        });
        return created ? toUnifiedUser(created) : null;
      },
      async update(parameters, context) {
        journal('users.update', parameters, context);
        requireUser(parameters.id);
        const updated = call(context, 'PATCH', `/users/${parameters.id}`, () => {
          const user = requireUser(parameters.id);
          if (parameters.body.name !== undefined) user.displayName = parameters.body.name;
          return user;
        });
        return updated ? toUnifiedUser(updated) : null;
      },
      async delete(parameters, context) {
        journal('users.delete', parameters, context);
        const user = call(context, 'GET', `/users/${parameters.id}`, () => ({
          ...requireUser(parameters.id),
        })) as ProviderUser;
        const outcome = context.dryRun ? 'planned' : 'done';
        if (parameters.remove_from === 'group' && parameters.remove_from_id) {
          const groupId = parameters.remove_from_id;
          call(context, 'DELETE', `/groups/${groupId}/members/${user.userId}`, () =>
            provider.groups.get(groupId)?.memberIds.delete(user.userId),
          );
          return { id: user.userId, actions: [{ action: 'remove_from_group', target: groupId, outcome }] };
        }
        call(context, 'DELETE', `/users/${user.userId}`, () => provider.users.delete(user.userId));
        const actions: DeleteAction[] = [{ action: 'soft_delete', target: user.userId, outcome }];
        if (parameters.permanent) {
          call(context, 'DELETE', `/deletedItems/${user.userId}`, () => true);
          actions.push({ action: 'permanent_delete', target: user.userId, outcome });
        }
        return { id: user.userId, user: toUnifiedUser(user), actions };
      },
    },
    groups: {
      async list(parameters, context) {
        journal('groups.list', parameters, context);
        const groups = call(context, 'GET', '/groups', () => [...provider.groups.values()]) ?? [];
        return { records: groups.map(toUnifiedGroup), nextCursor: null };
      },
      async get(parameters, context) {
        journal('groups.get', parameters, context);
        const group = call(context, 'GET', `/groups/${parameters.id}`, () =>
          provider.groups.get(parameters.id),
        );
        if (!group)
          throw new NotFoundError({
            message: `No group ${parameters.id}.`,
            resource: 'groups',
            id: parameters.id,
          });
        return toUnifiedGroup(group);
      },
    },
  });
}

export const recordingAccount = {
  id: 'account-1',
  integration: 'recording',
  credentials: { api_key: 'sk_live_0123456789abcdef' },
  settings: { base_url: 'https://directory.example.test' },
};

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

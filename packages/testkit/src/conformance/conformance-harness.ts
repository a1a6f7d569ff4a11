import {
  createUserParametersSchema,
  type DeleteUserParameters,
  type DeleteUserResult,
  deleteUserParametersSchema,
  type ExecutableResource,
  getUserParametersSchema,
  type ListResult,
  listUsersParametersSchema,
  type OperationContext,
  type OperationName,
  operationSchemas,
  type RecordResult,
  type RemoteQuery,
  type UnifiedUser,
  type UpdateUserParameters,
  type UserOperationsV1,
  type UserWrite,
  updateUserParametersSchema,
} from '@unidir/core';
import { type CapturingLogger, createCapturingLogger, stringifyForInspection } from '../capturing-logger.js';
import type { FakeProviderServer } from '../fake-provider-server.js';
import { createLoopbackClient } from '../loopback-client.js';
import { createOperationContext } from '../operation-context.js';
import type { JournalEntry } from '../request-journal.js';
import { seedId } from '../seed-ids.js';
import { generateSeedUser, type SeedGroup, type SeedUser } from '../seed-user.js';
import type { SeededDirectory } from '../seeded-directory.js';
import type { ConnectorConformanceOptions, StartedConformanceFixture } from './conformance-options.js';

type Context = OperationContext<unknown>;

/** One test's world: a fresh fake, a client for it, and everything observed (errors, logs, calls). */
export interface ConformanceHarness {
  readonly server: FakeProviderServer;
  readonly directory: SeededDirectory;
  readonly logger: CapturingLogger;
  /** The options' secrets and those the fixture generated for this start. */
  readonly secrets: readonly string[];
  unifiedUserId(user: SeedUser): string;
  unifiedGroupId(group: SeedGroup): string;
  /** A well-formed id of a user that does not exist. */
  unknownUserId(): string;
  /** The seeded user at `index`. */
  seedUser(index: number): SeedUser;
  context(overrides?: Partial<Context>): Context;
  listUsers(
    parameters?: Record<string, unknown>,
    overrides?: Partial<Context>,
  ): Promise<ListResult<UnifiedUser>>;
  getUser(id: string, overrides?: Partial<Context>): Promise<RecordResult<UnifiedUser>>;
  createUser(body: UserWrite, overrides?: Partial<Context>): Promise<RecordResult<UnifiedUser> | null>;
  updateUser(
    id: string,
    body: UpdateUserParameters['body'],
    overrides?: Partial<Context>,
  ): Promise<RecordResult<UnifiedUser> | null>;
  deleteUser(
    parameters: Omit<DeleteUserParameters, 'id'> & { id: string },
    overrides?: Partial<Context>,
  ): Promise<DeleteUserResult>;
  /**
   * Any operation of any resource, its parameters parsed by core's schema as the runtime would (for the
   * resources beyond users: groups writes, membership, roles, ...).
   */
  run(
    resource: ExecutableResource,
    operation: OperationName,
    parameters: Record<string, unknown>,
    overrides?: Partial<Context>,
  ): Promise<unknown>;
  /** The fixture's account credentials, as the connector's client was built from them. */
  readonly credentials: Record<string, unknown>;
  /** Lists users through a second client built from other credentials (bad ones, for the auth checks). */
  listUsersAs(
    credentials: Record<string, unknown>,
    parameters?: Record<string, unknown>,
  ): Promise<ListResult<UnifiedUser>>;
  /** Journal entries, minus the ignored routes (a token endpoint). */
  providerRequests(): JournalEntry[];
  /** Where any of the secrets appeared: in a thrown error, a log line, or a recorded provider call. */
  secretLeaks(): string[];
  close(): Promise<void>;
}

function containsSecret(text: string, secrets: readonly string[]): string | undefined {
  return secrets.find((secret) => secret.length > 0 && text.includes(secret));
}

export async function startConformanceHarness(
  options: ConnectorConformanceOptions,
): Promise<ConformanceHarness> {
  const { connector } = options;
  const started: StartedConformanceFixture = await options.fixture.start({ users: options.users ?? 23 });
  const { server, directory } = started;
  const logger = createCapturingLogger();
  const thrown: unknown[] = [];
  const contexts: Context[] = [];
  const ignoredRoutes = new Set(options.ignoredRoutes ?? []);
  const secrets = [...options.secrets, ...(started.secrets ?? [])];
  let client: unknown;
  try {
    client = createLoopbackClient(
      connector,
      { ...started.account, id: 'conformance-account' },
      { logger, ...started.environment },
    );
  } catch (error) {
    await started.close();
    throw error;
  }

  const context = (overrides: Partial<Context> = {}) => {
    const created = createOperationContext(client, {
      accountId: 'conformance-account',
      logger,
      ...overrides,
    });
    contexts.push(created);
    return created;
  };

  function operation<Name extends keyof UserOperationsV1<unknown>>(name: Name) {
    const implementation = connector.users?.[name];
    if (!implementation) throw new Error(`The ${connector.id} connector does not implement users.${name}.`);
    return implementation as NonNullable<UserOperationsV1<unknown>[Name]>;
  }

  /**
   * Calls an operation as the runtime does: `remote_query` reaches it in both documented places, the
   * parameters and `context.remoteQuery`, with the same value.
   */
  function invoke<Parameters extends { remote_query?: RemoteQuery }, Result>(
    implementation: (parameters: Parameters, context: Context) => Promise<Result>,
    parameters: Parameters,
    overrides?: Partial<Context>,
  ): Promise<Result> {
    return implementation(parameters, context({ remoteQuery: parameters.remote_query ?? {}, ...overrides }));
  }

  async function observe<Result>(run: () => Promise<Result>): Promise<Result> {
    try {
      return await run();
    } catch (error) {
      thrown.push(error);
      throw error;
    }
  }

  const userId = started.unifiedIds?.user ?? ((user: SeedUser) => user.id);
  const groupId = started.unifiedIds?.group ?? ((group: SeedGroup) => group.id);

  return {
    server,
    directory,
    logger,
    secrets,
    unifiedUserId: userId,
    unifiedGroupId: groupId,
    unknownUserId() {
      return userId(generateSeedUser(directory.seed, directory.seedUserCount + 1_000_000, directory.domain));
    },
    seedUser(index) {
      const user = directory.userById(seedId(directory.seed, 'user', index), { includeDeleted: true });
      if (!user) throw new Error(`The fixture's directory has no seeded user ${index}.`);
      return user;
    },
    context,
    listUsers: (parameters = {}, overrides) =>
      observe(() => invoke(operation('list'), listUsersParametersSchema.parse(parameters), overrides)),
    getUser: (id, overrides) =>
      observe(() => invoke(operation('get'), getUserParametersSchema.parse({ id }), overrides)),
    createUser: (body, overrides) =>
      observe(() => invoke(operation('create'), createUserParametersSchema.parse({ body }), overrides)),
    updateUser: (id, body, overrides) =>
      observe(() => invoke(operation('update'), updateUserParametersSchema.parse({ id, body }), overrides)),
    deleteUser: (parameters, overrides) =>
      observe(() => invoke(operation('delete'), deleteUserParametersSchema.parse(parameters), overrides)),
    run: (resource, operation, parameters, overrides) =>
      observe(() => {
        type Parsed = { remote_query?: RemoteQuery };
        const schemas: Partial<Record<OperationName, { parse(value: unknown): Parsed }>> =
          operationSchemas[resource];
        const operations = connector[resource] as
          | Partial<Record<OperationName, (parameters: Parsed, context: Context) => Promise<unknown>>>
          | undefined;
        const implementation = operations?.[operation];
        const schema = schemas[operation];
        if (!implementation || !schema) {
          throw new Error(`The ${connector.id} connector does not implement ${resource}.${operation}.`);
        }
        return invoke(implementation.bind(operations), schema.parse(parameters), overrides);
      }),
    credentials: started.account.credentials,
    listUsersAs: (credentials, parameters = {}) =>
      observe(() => {
        const other = createLoopbackClient(
          connector,
          { ...started.account, credentials, id: 'conformance-account-other' },
          { logger, ...started.environment },
        );
        const list = operation('list');
        return list(listUsersParametersSchema.parse(parameters), { ...context(), client: other });
      }),
    providerRequests: () => server.journal.entries.filter((entry) => !ignoredRoutes.has(entry.route ?? '')),
    secretLeaks() {
      const leaks: string[] = [];
      for (const [position, error] of thrown.entries()) {
        const message = error instanceof Error ? error.message : String(error);
        let json = '';
        try {
          json = JSON.stringify(error) ?? '';
        } catch {
          // An unserialisable error cannot leak through JSON either.
        }
        const found = containsSecret(`${message}\n${json}\n${stringifyForInspection(error)}`, secrets);
        if (found) leaks.push(`thrown error #${position + 1} (${message.slice(0, 80)}) contains a secret`);
      }
      for (const line of logger.lines) {
        if (containsSecret(stringifyForInspection(line), secrets)) {
          leaks.push(`log line "${line.message ?? ''}" contains a secret`);
        }
      }
      for (const call of contexts.flatMap((each) => each.providerCalls)) {
        if (containsSecret(stringifyForInspection(call), secrets)) {
          leaks.push(`provider call record ${call.method} contains a secret`);
        }
      }
      return leaks;
    },
    close: () => started.close(),
  };
}

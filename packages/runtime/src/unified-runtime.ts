import {
  type AnyUserDirectoryConnectorV1,
  type ConnectorLogger,
  type CredentialStore,
  type DeleteUserParameters,
  type DeleteUserResult,
  type ListResult,
  type OperationContext,
  type ProviderCallRecord,
  type RawListParameters,
  type RawListResult,
  type RawResourceV1,
  type RecordResult,
  type RemoteQuery,
  UnidirError,
  type UnifiedUser,
} from '@unidir/core';
import { AccountClientCache } from './account-clients.js';
import { createAccountCursorBinding, listScope } from './account-cursor.js';
import { alreadyDoneIfGone } from './already-done-if-gone.js';
import { type CallAborters, signalOfBoundAbort, withCallBudget } from './call-budget.js';
import type { ConnectorRegistry } from './connector-registry.js';
import { withLogFields } from './contextual-logger.js';
import { addErrorContext, type ErrorContext } from './error-context.js';
import { assertNoForbiddenKeys } from './forbidden-keys.js';
import {
  defaultOutputValidation,
  type OutputValidation,
  type OutputValidationCounter,
  validatingShaper,
} from './output-validation.js';
import { assertRawId, findRawResource, parseRawQuery, type RawRequest, rawBodyOf } from './raw-resources.js';
import { createRecordShaper, type RecordShaper } from './record-shaping.js';
import { openRecordStream } from './record-stream.js';
import { type ResolvedOperation, resolveOperation } from './resolve-operation.js';
import { assertDeletesByEmail, resolveUserIdByEmail } from './resolve-user-by-email.js';
import {
  contractViolation,
  debugBody,
  deleteBody,
  dryRunBody,
  keyedResult,
  listBody,
} from './response-bodies.js';
import { type ResponseOptions, splitQuery } from './response-options.js';
import { createPageEncoder } from './stream-page-encoder.js';
import type {
  IntegratedAccountRecord,
  UnifiedRequest,
  UnifiedResponse,
  UnifiedRuntime,
} from './unified-request.js';
import { validateOperationParameters } from './validate-operation-parameters.js';

export interface UnifiedRuntimeOptions {
  registry: ConnectorRegistry;
  logger: ConnectorLogger;
  /** undici dispatcher for provider calls (the server passes its egress-guarded one). */
  dispatcher?: unknown;
  /** Per-account credential store (the server's DB-backed one). Default: the connector's in-memory one, per cached client. */
  credentialStoreFor?: (account: IntegratedAccountRecord) => CredentialStore;
  /** Total time budget per unified call, retries included; per page when streaming. Default 30 s. */
  timeBudgetMs?: number;
  /**
   * Scrubs the account's secrets from every record and from what the runtime writes into a response itself
   * (a stream's final error line), as the host scrubs the errors it renders. Default: nothing beyond the
   * connector's own.
   */
  redactSecrets?: (account: IntegratedAccountRecord, value: unknown) => unknown;
  /**
   * The strings `redactSecrets` removes for the account (each also in its URL-encoded form). With it, a
   * stream scrubs only the records whose JSON text holds one of them; without it, every record.
   */
  accountSecrets?: (account: IntegratedAccountRecord) => readonly string[];
  /**
   * Binds list cursors to the account that issued them (a secret of at least 32 bytes, the same in every
   * process that serves the same accounts). Default: cursors are passed through as the connector made them.
   */
  cursorBindingKey?: Buffer;
  /** Account clients kept alive (least recently used dropped beyond it). Default 1000. */
  maxCachedClients?: number;
  /** Checking connector records against core's schemas. Default: `log` in production, else `enforce`. */
  outputValidation?: OutputValidation;
}

const defaultTimeBudgetMs = 30_000;
const defaultMaxCachedClients = 1000;

function findConnector(registry: ConnectorRegistry, integration: string): AnyUserDirectoryConnectorV1 {
  const connector = registry.get(integration);
  if (connector) return connector;
  const loaded = registry.list().map((candidate) => candidate.id);
  throw new UnidirError({
    message: `No connector "${integration}" is loaded. Loaded: ${loaded.join(', ') || 'none'}.`,
    code: 'integration_not_loaded',
    httpStatus: 404,
    details: { integration, loaded },
  });
}

/** The answer in the requested format, before `truto_key_by` and `debug` are applied. */
function formattedAnswer(
  connectorId: string,
  operation: ResolvedOperation,
  responseOptions: ResponseOptions,
  shape: RecordShaper,
  providerCalls: readonly ProviderCallRecord[],
  value: unknown,
): { status: number; body: unknown } {
  if (responseOptions.dryRun) return { status: 200, body: dryRunBody(providerCalls, value) };
  if (value === null || value === undefined) {
    throw contractViolation(
      connectorId,
      `returned nothing from ${operation.resource}.${operation.operation}`,
    );
  }
  switch (operation.operation) {
    case 'list':
      return { status: 200, body: listBody(value as ListResult<object>, shape) };
    case 'delete':
      return { status: 200, body: deleteBody(value as DeleteUserResult, responseOptions, shape) };
    case 'addUser':
    case 'removeUser':
      return { status: 200, body: { result: value } };
    case 'create':
      return { status: 201, body: shape(value as RecordResult<object>) };
    default:
      return { status: 200, body: shape(value as RecordResult<object>) };
  }
}

function jsonAnswer(
  connectorId: string,
  operation: ResolvedOperation,
  responseOptions: ResponseOptions,
  shape: RecordShaper,
  providerCalls: readonly ProviderCallRecord[],
  value: unknown,
): { status: number; body: unknown } {
  const answer = formattedAnswer(connectorId, operation, responseOptions, shape, providerCalls, value);
  if (responseOptions.dryRun) return answer;
  const isList = operation.operation === 'list';
  let body = answer.body;
  if (isList && responseOptions.keyBy !== undefined) {
    const page = body as { result: unknown[] };
    body = { ...page, result: keyedResult(page.result, responseOptions.keyBy) };
  }
  if (responseOptions.format === 'debug') body = debugBody(body, isList, providerCalls);
  return { status: answer.status, body };
}

/**
 * Executes unified operations for integrated accounts: validates every parameter against core's schemas
 * and the connector's manifest before any provider call, runs the connector within a time budget, and
 * shapes the answer in the requested response format.
 */
export function createUnifiedRuntime(options: UnifiedRuntimeOptions): UnifiedRuntime {
  const timeBudgetMs = options.timeBudgetMs ?? defaultTimeBudgetMs;
  const outputValidation = options.outputValidation ?? defaultOutputValidation();
  const outputCounter: OutputValidationCounter = { invalidRecords: 0 };
  const cursorBinding = options.cursorBindingKey && createAccountCursorBinding(options.cursorBindingKey);
  const clients = new AccountClientCache({
    maxEntries: options.maxCachedClients ?? defaultMaxCachedClients,
    environmentFor: (account) => ({
      logger: withLogFields(options.logger, {
        integration: account.integration,
        integrated_account_id: account.id,
      }),
      dispatcher: options.dispatcher,
      credentialStore: options.credentialStoreFor?.(account),
      allowInsecureProviderUrls: account.allowInsecureProviderUrls === true,
    }),
  });

  async function execute(request: UnifiedRequest): Promise<UnifiedResponse> {
    const connector = findConnector(options.registry, request.account.integration);
    const errorContext: ErrorContext = {
      integration: connector.id,
      providerName: connector.displayName,
      accountId: request.account.id,
      resource: request.resource,
      operation: request.method,
      ...(request.id === undefined ? {} : { id: request.id }),
    };
    try {
      return await executeFor(connector, request, errorContext);
    } catch (error) {
      throw addErrorContext(error, errorContext);
    }
  }

  async function executeFor(
    connector: AnyUserDirectoryConnectorV1,
    request: UnifiedRequest,
    errorContext: ErrorContext,
  ): Promise<UnifiedResponse> {
    const { account } = request;
    const resolved = resolveOperation(connector, request.resource, request.method);
    assertNoForbiddenKeys(request.query);
    assertNoForbiddenKeys(request.body);
    const { options: responseOptions, operationParameters } = splitQuery(request.query, request.method);
    const deleteByEmail =
      resolved.resource === 'users' && resolved.operation === 'delete' && request.id === undefined;
    if (deleteByEmail) assertDeletesByEmail(connector, operationParameters.emails);
    const parameters = validateOperationParameters({
      connectorId: connector.id,
      resource: resolved.resource,
      operation: resolved.operation,
      capability: resolved.capability,
      // The user named by emails[] is found by a read, once everything else is known to be acceptable.
      schema: deleteByEmail ? resolved.schema.partial({ id: true }) : resolved.schema,
      queryParameters: operationParameters,
      id: request.id,
      body: request.body,
    });
    const cursorScope =
      resolved.operation === 'list' ? listScope(account.id, resolved.resource, parameters) : '';
    if (cursorBinding && typeof parameters.cursor === 'string')
      parameters.cursor = cursorBinding.unbind(cursorScope, parameters.cursor);
    const client = clients.clientFor(connector, account);
    const logger = withLogFields(options.logger, {
      integration: connector.id,
      integrated_account_id: account.id,
      operation: `${resolved.resource}.${resolved.operation}`,
    });
    const remoteQuery = (parameters.remote_query ?? {}) as RemoteQuery;
    const checkedShape = validatingShaper({
      shape: createRecordShaper(resolved.resource, responseOptions),
      resource: resolved.resource,
      mode: outputValidation,
      connectorId: connector.id,
      logger,
      counter: outputCounter,
    });
    // A provider can echo what it was sent (a token in a display name): records are scrubbed like errors.
    const { redactSecrets } = options;
    const shape: RecordShaper = redactSecrets
      ? (record) => redactSecrets(account, checkedShape(record))
      : checkedShape;

    const run = (
      operationParameters: Record<string, unknown>,
      providerCalls: ProviderCallRecord[],
      aborters: CallAborters,
    ) =>
      withCallBudget(timeBudgetMs, aborters, (budget) => {
        const context: OperationContext<unknown> = {
          client,
          accountId: account.id,
          remoteQuery,
          signal: budget.signal,
          deadline: budget.deadline,
          dryRun: responseOptions.dryRun,
          ...(request.earlierAttemptMayHaveActed ? { earlierAttemptMayHaveActed: true } : {}),
          providerCalls,
          logger,
        };
        const answer = budget.run(async () => {
          if (!deleteByEmail) return resolved.run(operationParameters, context);
          const listUsers = resolveOperation(connector, 'users', 'list');
          const id = await resolveUserIdByEmail(
            operationParameters.emails as NonNullable<DeleteUserParameters['emails']>,
            (listParameters) => listUsers.run(listParameters, context) as Promise<ListResult<UnifiedUser>>,
          );
          return resolved.run({ ...operationParameters, id }, context);
        });
        return context.earlierAttemptMayHaveActed
          ? answer.catch((error: unknown) =>
              alreadyDoneIfGone(resolved.operation, operationParameters, error),
            )
          : answer;
      });

    if (responseOptions.format === 'stream') {
      // A stream's pages each have a budget: the host's abort is bound once, to a signal they all follow.
      const streamSignal = signalOfBoundAbort(request.bindAbort);
      const firstPageCalls: ProviderCallRecord[] = [];
      let pagesFetched = 0;
      const encoding = request.streamEncoding ?? 'ndjson';
      const { accountSecrets } = options;
      const redact = redactSecrets && ((value: unknown) => redactSecrets(account, value));
      const body = await openRecordStream({
        encoding,
        firstCursor: parameters.cursor as string | undefined,
        encodePage: createPageEncoder({
          shape: checkedShape,
          ...(redact ? { redact } : {}),
          ...(accountSecrets ? { secrets: () => accountSecrets(account) } : {}),
        }),
        logger,
        ...(redact ? { redact } : {}),
        fetchPage: async (cursor, readerSignal) => {
          pagesFetched += 1;
          const providerCalls = pagesFetched === 1 ? firstPageCalls : [];
          const page = (await run({ ...parameters, cursor }, providerCalls, {
            signals: [request.signal, streamSignal, readerSignal],
          }).catch((error: unknown) => {
            throw addErrorContext(error, errorContext);
          })) as ListResult<object>;
          if (page.nextCursor !== null && page.nextCursor === cursor) {
            throw contractViolation(
              connector.id,
              'returned the cursor it was given as the next one (an endless list)',
            );
          }
          logger.debug({ page: pagesFetched, provider_calls: providerCalls.length }, 'stream page fetched');
          return page;
        },
      });
      return {
        kind: 'stream',
        status: 200,
        contentType: encoding === 'json' ? 'application/json' : 'application/x-ndjson',
        body,
        providerCalls: firstPageCalls,
      };
    }

    const providerCalls = request.providerCalls ?? [];
    let result = await run(parameters, providerCalls, {
      signals: [request.signal],
      ...(request.bindAbort === undefined ? {} : { bindAbort: request.bindAbort }),
    });
    const nextCursor = (result as Partial<ListResult<object>> | undefined)?.nextCursor;
    if (cursorBinding && resolved.operation === 'list' && typeof nextCursor === 'string')
      result = { ...(result as ListResult<object>), nextCursor: cursorBinding.bind(cursorScope, nextCursor) };
    return {
      kind: 'json',
      providerCalls,
      ...jsonAnswer(connector.id, resolved, responseOptions, shape, providerCalls, result),
    };
  }

  /** Runs one raw operation of the connector with the call's budget and context. */
  function runRaw(
    resource: RawResourceV1,
    request: RawRequest,
    context: OperationContext<unknown>,
    parameters: RawListParameters,
  ): Promise<unknown> {
    const id = request.id as string;
    switch (request.method) {
      case 'list':
        return resource.list?.(parameters, context) as Promise<unknown>;
      case 'get':
        return resource.get?.({ id }, context) as Promise<unknown>;
      case 'create':
        return resource.create?.({ body: rawBodyOf(request.body) }, context) as Promise<unknown>;
      case 'update':
        return resource.update?.({ id, body: rawBodyOf(request.body) }, context) as Promise<unknown>;
      case 'delete':
        return resource.delete?.({ id }, context) as Promise<unknown>;
    }
  }

  async function executeRawFor(connector: AnyUserDirectoryConnectorV1, request: RawRequest) {
    const { method } = request;
    const resource = findRawResource(connector, request.resource, method);
    assertNoForbiddenKeys(request.query);
    assertNoForbiddenKeys(request.body);
    const { parameters, remoteQuery, dryRun } = parseRawQuery(request.query, method);
    if (request.id !== undefined) assertRawId(request.id);
    const providerCalls = request.providerCalls ?? [];
    const logger = withLogFields(options.logger, {
      integration: connector.id,
      integrated_account_id: request.account.id,
      operation: `proxy/${request.resource}.${method}`,
    });
    const client = clients.clientFor(connector, request.account);
    const aborters: CallAborters = {
      signals: [request.signal],
      ...(request.bindAbort === undefined ? {} : { bindAbort: request.bindAbort }),
    };
    const result = await withCallBudget<unknown>(timeBudgetMs, aborters, (budget) =>
      budget.run(() =>
        runRaw(
          resource,
          request,
          {
            client,
            accountId: request.account.id,
            remoteQuery,
            signal: budget.signal,
            deadline: budget.deadline,
            dryRun,
            ...(request.earlierAttemptMayHaveActed ? { earlierAttemptMayHaveActed: true } : {}),
            providerCalls,
            logger,
          },
          parameters,
        ),
      ),
    );
    if (dryRun) return { status: 200, body: dryRunBody(providerCalls, result), providerCalls };
    if (method !== 'list') return { status: method === 'create' ? 201 : 200, body: result, providerCalls };
    const page = result as RawListResult;
    return {
      status: 200,
      body: {
        result: page.records,
        next_cursor: page.nextCursor,
        prev_cursor: null,
        result_count: page.records.length,
      },
      providerCalls,
    };
  }

  async function executeRaw(request: RawRequest) {
    const connector = findConnector(options.registry, request.account.integration);
    try {
      return await executeRawFor(connector, request);
    } catch (error) {
      throw addErrorContext(error, {
        integration: connector.id,
        providerName: connector.displayName,
        accountId: request.account.id,
        resource: `proxy/${request.resource}`,
        operation: request.method,
        ...(request.id === undefined ? {} : { id: request.id }),
      });
    }
  }

  return { execute, executeRaw, invalidRecordCount: () => outputCounter.invalidRecords };
}

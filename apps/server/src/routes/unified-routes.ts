import { Readable } from 'node:stream';
import {
  customMethodNames,
  membershipBodyParameters,
  NotFoundError,
  type OperationName,
  operationOfCustomMethod,
  ValidationError,
  wireOperationName,
} from '@unidir/core';
import { parseUnifiedQuery } from '@unidir/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { abortOnHangUp } from '../http/abort-on-hang-up.js';
import { executeMutation, type MutationAttempt } from '../http/mutation-executor.js';
import type { ServerContext } from '../server-context.js';
import { streamEncodingFor } from '../truto/stream-encoding.js';
import { accountForCall, isDryRun } from './unified-account.js';

interface UnifiedParameters {
  resource: string;
  id?: string;
  method?: string;
}

function rawQueryOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

const mutationOperations: Record<string, OperationName> = {
  POST: 'create',
  PATCH: 'update',
  DELETE: 'delete',
};

/** A membership change is audited under its group. */
function membershipTarget(method: OperationName, body: unknown): string | null {
  if (membershipBodyParameters(method).length === 0 || !isPlainObject(body)) return null;
  return typeof body.group_id === 'string' ? body.group_id : null;
}

/**
 * What of a body the audit log keeps: a membership's ids (they are the whole request), else only the
 * names of the fields (a user body can hold a password).
 */
function auditedBody(method: OperationName, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  if (membershipBodyParameters(method).length > 0) {
    return { group_id: body.group_id, user_id: body.user_id };
  }
  return { body_fields: Object.keys(body) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operation a request names: its HTTP method, whether an id is in the path, or a custom method's name. */
function operationOf(httpMethod: string, parameters: UnifiedParameters): OperationName {
  if (parameters.method !== undefined) {
    const operation = operationOfCustomMethod(parameters.method);
    if (operation) return operation;
    throw new NotFoundError({
      message: `There is no custom method "${parameters.method}" on ${parameters.resource}. Custom methods: ${Object.values(customMethodNames).join(', ')}.`,
    });
  }
  return mutationOperations[httpMethod] ?? (parameters.id === undefined ? 'list' : 'get');
}

/**
 * `GET|POST /unified/user-directory/:resource`, `GET|PATCH|DELETE /unified/user-directory/:resource/:id`,
 * and custom methods `POST /unified/user-directory/:resource/:method` (`groups/add-user`).
 */
export function registerUnifiedRoutes(app: FastifyInstance, context: ServerContext): void {
  const handle = async (request: FastifyRequest<{ Params: UnifiedParameters }>, reply: FastifyReply) => {
    const query = parseUnifiedQuery(rawQueryOf(request));
    const { account, runtime } = await accountForCall(request, context, query);
    const { resource, id } = request.params;
    const method = operationOf(request.method, request.params);
    const execute = async (attempt?: MutationAttempt) =>
      runtime.execute({
        account: await context.accounts.runtimeRecordFor(account),
        resource,
        method,
        ...(id === undefined ? {} : { id }),
        query,
        ...(request.body === undefined ? {} : { body: request.body }),
        // A mutation, once sent, runs to its answer whatever the client does (the call's deadline still applies).
        ...(method === 'list' || method === 'get'
          ? { bindAbort: (abort: () => void) => abortOnHangUp(reply, abort) }
          : {}),
        streamEncoding: streamEncodingFor(request.headers.accept),
        ...(attempt === undefined
          ? {}
          : {
              earlierAttemptMayHaveActed: attempt.earlierAttemptMayHaveActed,
              providerCalls: attempt.providerCalls,
            }),
      });

    if (method === 'list' || method === 'get') {
      const response = await execute();
      if (response.kind === 'stream') {
        // Readable.from pulls the next record only when the socket drains: a slow client pauses the provider.
        return reply.code(200).type(response.contentType).send(Readable.from(response.body));
      }
      return reply.code(response.status).send(response.body);
    }

    const dryRun = isDryRun(query);
    return executeMutation(
      request,
      reply,
      context,
      {
        accountId: account.id,
        operation: `${resource}.${wireOperationName(method)}`,
        targetId: id ?? membershipTarget(method, request.body),
        options: { ...query, ...auditedBody(method, request.body) },
        requestIdentity: { method: request.method, resource, id, query, body: request.body ?? null },
      },
      async (attempt) => {
        const response = await execute(attempt);
        if (response.kind !== 'json') {
          throw new ValidationError({
            message: 'Mutations answer JSON; the stream format applies to lists.',
          });
        }
        const resolvedId = isPlainObject(response.body) ? response.body.id : undefined;
        return {
          statusCode: response.status,
          body: response.body,
          providerCalls: response.providerCalls,
          outcome: dryRun ? 'dry_run' : 'succeeded',
          ...(id === undefined && typeof resolvedId === 'string' ? { targetId: resolvedId } : {}),
        };
      },
    );
  };

  app.get('/unified/user-directory/:resource', handle);
  app.post('/unified/user-directory/:resource', handle);
  // Truto allows the id to be left out where the user is named by emails[] (SCIM apps).
  app.delete('/unified/user-directory/:resource', handle);
  app.get('/unified/user-directory/:resource/:id', handle);
  app.patch('/unified/user-directory/:resource/:id', handle);
  app.delete('/unified/user-directory/:resource/:id', handle);
  app.post('/unified/user-directory/:resource/:method', handle);
}

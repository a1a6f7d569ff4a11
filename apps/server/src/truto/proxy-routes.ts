import type { RawMethod } from '@unidir/runtime';
import { parseUnifiedQuery } from '@unidir/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { abortOnHangUp } from '../http/abort-on-hang-up.js';
import { executeMutation, type MutationAttempt } from '../http/mutation-executor.js';
import { accountForCall, isDryRun } from '../routes/unified-account.js';
import type { ServerContext } from '../server-context.js';

type ProxyRequest = FastifyRequest<{ Params: { resource: string; id?: string } }>;

const methodOf: Record<string, RawMethod> = { POST: 'create', PATCH: 'update', DELETE: 'delete' };

/**
 * Truto's proxy API over the raw resources a connector declares: `GET /proxy/{resource}` pages provider
 * records untouched with our cursor, `GET /proxy/{resource}/{id}` reads one, and `POST`, `PATCH`,
 * `DELETE` write through the same path as unified writes (dry run, Idempotency-Key, audit log). The
 * connector's client makes every call, so auth, retries and the egress rules are those of unified calls.
 */
export function registerProxyRoutes(app: FastifyInstance, context: ServerContext): void {
  const handle = async (request: ProxyRequest, reply: FastifyReply) => {
    const query = parseUnifiedQuery(request.raw.url?.split('?')[1] ?? '');
    const { account, runtime } = await accountForCall(request, context, query);
    const { resource, id } = request.params;
    const method = methodOf[request.method] ?? (id === undefined ? 'list' : 'get');
    const execute = async (attempt?: MutationAttempt) =>
      runtime.executeRaw({
        account: await context.accounts.runtimeRecordFor(account),
        resource,
        method,
        ...(id === undefined ? {} : { id }),
        query,
        ...(request.body === undefined ? {} : { body: request.body }),
        // A write, once sent, runs to its answer whatever the client does (the call's deadline still applies).
        ...(method === 'list' || method === 'get'
          ? { bindAbort: (abort: () => void) => abortOnHangUp(reply, abort) }
          : {}),
        ...(attempt === undefined
          ? {}
          : {
              earlierAttemptMayHaveActed: attempt.earlierAttemptMayHaveActed,
              providerCalls: attempt.providerCalls,
            }),
      });
    if (method === 'list' || method === 'get') {
      const response = await execute();
      return reply.code(response.status).send(response.body);
    }
    const body = request.body;
    return executeMutation(
      request,
      reply,
      context,
      {
        accountId: account.id,
        operation: `proxy/${resource}.${method}`,
        targetId: id ?? null,
        // Field names only: a provider record can hold a password.
        options: {
          ...query,
          body_fields: typeof body === 'object' && body !== null ? Object.keys(body) : [],
        },
        requestIdentity: { method: request.method, proxy: resource, id, query, body: body ?? null },
      },
      async (attempt) => {
        const response = await execute(attempt);
        return {
          statusCode: response.status,
          body: response.body,
          providerCalls: response.providerCalls,
          outcome: isDryRun(query) ? 'dry_run' : 'succeeded',
        };
      },
    );
  };
  app.get('/proxy/:resource', handle);
  app.get('/proxy/:resource/:id', handle);
  app.post('/proxy/:resource', handle);
  app.patch('/proxy/:resource/:id', handle);
  app.delete('/proxy/:resource/:id', handle);
}

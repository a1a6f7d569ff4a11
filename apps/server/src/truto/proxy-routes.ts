import { UnidirError } from '@unidir/core';
import { parseUnifiedQuery } from '@unidir/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountForCall } from '../routes/unified-account.js';
import type { ServerContext } from '../server-context.js';

type ProxyRequest = FastifyRequest<{ Params: { resource: string; id?: string } }>;

/**
 * Truto's proxy API, reads only: `GET /proxy/{resource}` pages a raw resource the account's connector
 * declares (provider records untouched, our cursor) and `GET /proxy/{resource}/{id}` reads one. The
 * connector's client makes the calls, so auth, retries and the egress rules are those of unified calls.
 */
export function registerProxyRoutes(app: FastifyInstance, context: ServerContext): void {
  const read = async (request: ProxyRequest, reply: FastifyReply) => {
    const query = parseUnifiedQuery(request.raw.url?.split('?')[1] ?? '');
    const { account, runtime } = await accountForCall(request, context, query);
    const abort = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const response = await runtime.executeRaw({
      account: await context.accounts.runtimeRecordFor(account),
      resource: request.params.resource,
      ...(request.params.id === undefined ? {} : { id: request.params.id }),
      query,
      signal: abort.signal,
    });
    return reply.code(response.status).send(response.body);
  };
  const refuseWrite = async (request: ProxyRequest) => {
    throw new UnidirError({
      code: 'proxy_read_only',
      httpStatus: 405,
      message: `The proxy serves reads only; ${request.method} ${request.params.resource} is not available. Writes go through the unified routes (dry run, idempotency, audit log).`,
    });
  };
  app.get('/proxy/:resource', read);
  app.get('/proxy/:resource/:id', read);
  app.post('/proxy/:resource', refuseWrite);
  app.patch('/proxy/:resource/:id', refuseWrite);
  app.delete('/proxy/:resource/:id', refuseWrite);
}

import { ValidationError } from '@unidir/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { viewAccount } from '../accounts/account-service.js';
import { executeMutation } from '../http/mutation-executor.js';
import type { ServerContext } from '../server-context.js';
import { decodePageCursor, encodePageCursor, readLimit, readSingleQueryValue } from './page-cursor.js';

export const accountPosition = z.object({ createdAt: z.iso.datetime(), id: z.string().max(256) });

type WithId = FastifyRequest<{ Params: { id: string } }>;

/** Secret-free facts of an account request for the audit log: never credentials or settings values. */
function auditOptionsOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {};
  const { integration, label, sandbox, sandbox_users, credentials, settings } = body as Record<
    string,
    unknown
  >;
  return {
    integration,
    label,
    sandbox,
    sandbox_users,
    credentials_changed: credentials !== undefined ? true : undefined,
    settings_fields: typeof settings === 'object' && settings !== null ? Object.keys(settings) : undefined,
  };
}

/** `/integrated-accounts`: credentials go in and never come out. */
export function registerAccountRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/integrated-accounts', (request, reply) =>
    executeMutation(
      request,
      reply,
      context,
      {
        accountId: '',
        operation: 'integrated_accounts.create',
        targetId: null,
        options: auditOptionsOf(request.body),
        requestIdentity: { method: 'POST', path: '/integrated-accounts', body: request.body ?? null },
      },
      async () => {
        const account = await context.accounts.create(request.tenantId, request.body);
        return { statusCode: 201, body: viewAccount(account) };
      },
    ),
  );

  app.get('/integrated-accounts', async (request: FastifyRequest) => {
    const limit = readLimit(readSingleQueryValue(request.query, 'limit'));
    const after = decodePageCursor(readSingleQueryValue(request.query, 'next_cursor'), accountPosition);
    const accounts = await context.accounts.list(request.tenantId, {
      limit: limit + 1,
      ...(after ? { after } : {}),
    });
    const page = accounts.slice(0, limit);
    const last = page.at(-1);
    return {
      result: page.map(viewAccount),
      next_cursor:
        accounts.length > limit && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
      prev_cursor: null,
      result_count: page.length,
    };
  });

  app.get('/integrated-accounts/:id', async (request: WithId) =>
    viewAccount(await context.accounts.get(request.tenantId, request.params.id)),
  );

  app.patch('/integrated-accounts/:id', (request: WithId, reply) =>
    executeMutation(
      request,
      reply,
      context,
      {
        accountId: request.params.id,
        operation: 'integrated_accounts.update',
        targetId: request.params.id,
        options: auditOptionsOf(request.body),
        requestIdentity: { method: 'PATCH', id: request.params.id, body: request.body ?? null },
      },
      async () => {
        if (request.body === undefined)
          throw new ValidationError({ message: 'Send a JSON body with what to change.' });
        const account = await context.accounts.update(request.tenantId, request.params.id, request.body);
        return { statusCode: 200, body: viewAccount(account) };
      },
    ),
  );

  app.delete('/integrated-accounts/:id', (request: WithId, reply) =>
    executeMutation(
      request,
      reply,
      context,
      {
        accountId: request.params.id,
        operation: 'integrated_accounts.delete',
        targetId: request.params.id,
        options: {},
        requestIdentity: { method: 'DELETE', id: request.params.id },
      },
      async () => {
        const account = await context.accounts.delete(request.tenantId, request.params.id);
        return { statusCode: 200, body: { id: account.id, deleted: true } };
      },
    ),
  );
}

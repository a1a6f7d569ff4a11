import { type AnyUserDirectoryConnectorV1, ValidationError } from '@unidir/core';
import { parseUnifiedQuery } from '@unidir/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AccountView, viewAccount } from '../accounts/account-service.js';
import { executeMutation } from '../http/mutation-executor.js';
import { accountPosition } from '../routes/account-routes.js';
import { decodePageCursor, encodePageCursor, readLimit } from '../routes/page-cursor.js';
import type { ServerContext } from '../server-context.js';
import type { AccountRow } from '../storage/store.js';
import { describeMethod, resolveMetaTarget } from './method-meta.js';

type WithId = FastifyRequest<{ Params: { id: string } }>;
type AccountPosition = z.infer<typeof accountPosition>;

/** Truto's sandbox account shape: the account itself is nested. */
function viewSandboxAccount(account: AccountRow): {
  id: string;
  integrated_account: AccountView;
  created_at: string;
  updated_at: string;
} {
  return {
    id: account.id,
    integrated_account: viewAccount(account),
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

/** One page of the tenant's sandbox accounts, read from the account list in its order. */
async function sandboxPage(
  context: ServerContext,
  tenantId: string,
  limit: number,
  after: AccountPosition | undefined,
): Promise<{ page: AccountRow[]; more: boolean }> {
  const found: AccountRow[] = [];
  let position = after;
  const batch = 200;
  for (;;) {
    const accounts = await context.accounts.list(tenantId, {
      limit: batch,
      ...(position ? { after: position } : {}),
    });
    found.push(...accounts.filter((account) => account.sandbox));
    const last = accounts.at(-1);
    if (found.length > limit || accounts.length < batch || !last) break;
    position = { createdAt: last.createdAt, id: last.id };
  }
  return { page: found.slice(0, limit), more: found.length > limit };
}

async function requireSandbox(context: ServerContext, tenantId: string, id: string): Promise<AccountRow> {
  const account = await context.accounts.get(tenantId, id);
  if (!account.sandbox) {
    throw new ValidationError({
      code: 'not_a_sandbox_account',
      message: `Integrated account ${id} is not a sandbox account: use /integrated-account/${id}.`,
    });
  }
  return account;
}

/** The cheapest read the connector offers, to prove its credentials work. */
function probeOf(connector: AnyUserDirectoryConnectorV1): {
  resource: string;
  query: Record<string, unknown>;
} {
  if (connector.manifest.me?.list) return { resource: 'me', query: {} };
  if (connector.manifest.users?.list) return { resource: 'users', query: { limit: '1' } };
  throw new ValidationError({
    code: 'refresh_unavailable',
    message: `The ${connector.id} connector has no read to check its credentials with.`,
  });
}

/**
 * The routes of Truto's SDK that have no unified counterpart: `sandbox-integrated-account`,
 * `integrated-account/refresh-credentials` and `unified/{model}/{resource}/meta/{method}`. Truto's
 * singular `integrated-account` and `integration` routes are our plural ones (see truto-url.ts).
 */
export function registerTrutoRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(
    '/unified/user-directory/:resource/meta/:method',
    async (request: FastifyRequest<{ Params: { resource: string; method: string } }>) => {
      const { resource, operation } = resolveMetaTarget(request.params.resource, request.params.method);
      const query = parseUnifiedQuery(request.raw.url?.split('?')[1] ?? '');
      const accountId = query.integrated_account_id;
      if (accountId === undefined || accountId === '') return describeMethod(resource, operation);
      if (typeof accountId !== 'string') {
        throw new ValidationError({ message: 'Give integrated_account_id once, as text.' });
      }
      const account = await context.accounts.get(request.tenantId, accountId);
      return describeMethod(resource, operation, context.registry.get(account.integration));
    },
  );

  app.post('/integrated-accounts/refresh-credentials', (request, reply) => {
    const body = request.body as { id?: unknown } | undefined;
    if (typeof body?.id !== 'string' || body.id === '') {
      throw new ValidationError({
        message: 'Send the account to refresh as {"id": "<integrated account id>"}.',
      });
    }
    const accountId = body.id;
    return executeMutation(
      request,
      reply,
      context,
      {
        accountId,
        operation: 'integrated_accounts.refresh_credentials',
        targetId: accountId,
        options: {},
        requestIdentity: { method: 'POST', path: '/integrated-accounts/refresh-credentials', id: accountId },
      },
      async () => {
        const account = await context.accounts.get(request.tenantId, accountId);
        const connector = context.registry.get(account.integration);
        if (connector && !account.sandbox) {
          const probe = probeOf(connector);
          await context.runtime.execute({
            account: await context.accounts.runtimeRecordFor(account),
            resource: probe.resource,
            method: 'list',
            query: probe.query,
          });
        }
        return {
          statusCode: 200,
          body: viewAccount(await context.accounts.get(request.tenantId, accountId)),
        };
      },
    );
  });

  app.get(
    '/sandbox-integrated-account',
    async (request: FastifyRequest<{ Querystring: Record<string, string> }>) => {
      const limit = readLimit(request.query.limit);
      const after = decodePageCursor(request.query.next_cursor, accountPosition);
      const { page, more } = await sandboxPage(context, request.tenantId, limit, after);
      const last = page.at(-1);
      return {
        result: page.map(viewSandboxAccount),
        next_cursor: more && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
        prev_cursor: null,
        result_count: page.length,
      };
    },
  );

  app.get('/sandbox-integrated-account/:id', async (request: WithId) =>
    viewSandboxAccount(await requireSandbox(context, request.tenantId, request.params.id)),
  );

  app.post('/sandbox-integrated-account', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Truto names the integration to sandbox by `id`; `integration` is accepted as on /integrated-accounts.
    const { id, integration, ...rest } = body;
    const input = { ...rest, integration: integration ?? id, sandbox: true };
    return executeMutation(
      request,
      reply,
      context,
      {
        accountId: '',
        operation: 'sandbox_integrated_accounts.create',
        targetId: null,
        options: { integration: input.integration, label: rest.label, sandbox_users: rest.sandbox_users },
        requestIdentity: { method: 'POST', path: '/sandbox-integrated-account', body: request.body ?? null },
      },
      async () => ({
        statusCode: 201,
        body: viewSandboxAccount(await context.accounts.create(request.tenantId, input)),
      }),
    );
  });

  app.delete('/sandbox-integrated-account/:id', (request: WithId, reply) =>
    executeMutation(
      request,
      reply,
      context,
      {
        accountId: request.params.id,
        operation: 'sandbox_integrated_accounts.delete',
        targetId: request.params.id,
        options: {},
        requestIdentity: { method: 'DELETE', path: '/sandbox-integrated-account', id: request.params.id },
      },
      async () => {
        await requireSandbox(context, request.tenantId, request.params.id);
        const account = await context.accounts.delete(request.tenantId, request.params.id);
        return { statusCode: 200, body: { id: account.id, deleted: true } };
      },
    ),
  );
}

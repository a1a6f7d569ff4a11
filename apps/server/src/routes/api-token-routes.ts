import { NotFoundError, ValidationError } from '@unidir/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../accounts/account-input.js';
import { executeMutation } from '../http/mutation-executor.js';
import { issueApiToken, viewApiToken } from '../security/api-token-issuer.js';
import { apiTokenScopes } from '../security/token-scopes.js';
import type { ServerContext } from '../server-context.js';

const createTokenSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    scope: z.enum(apiTokenScopes as ['read', 'write', 'admin']).optional(),
    /** ISO-8601 instant after which the token no longer authenticates. */
    expires_at: z.iso.datetime().optional(),
  })
  .strict();

/**
 * `/api-token` (Truto's name): the tenant's API tokens, listed without their secret, created (the token is
 * shown once) and revoked. Needs an `admin` token.
 */
export function registerApiTokenRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/api-token', async (request) => {
    const tokens = (await context.store.listApiTokens(request.tenantId)).map(viewApiToken);
    return { result: tokens, next_cursor: null, prev_cursor: null, result_count: tokens.length };
  });

  // Not under an Idempotency-Key: a stored answer would hold the token in plain text.
  app.post('/api-token', async (request, reply) => {
    const parsed = createTokenSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      throw new ValidationError({
        message: 'The request body is not valid.',
        details: { issues: describeIssues(parsed.error) },
      });
    }
    if (parsed.data.expires_at !== undefined && Date.parse(parsed.data.expires_at) <= Date.now()) {
      throw new ValidationError({
        message: 'expires_at must be in the future.',
        details: { parameter: 'expires_at' },
      });
    }
    const { token, summary } = await issueApiToken(context.store, {
      tenantId: request.tenantId,
      name: parsed.data.name ?? null,
      scope: parsed.data.scope ?? 'read',
      expiresAt: parsed.data.expires_at ?? null,
    });
    await context.store.appendAudit({
      tenantId: request.tenantId,
      accountId: null,
      operation: 'api_tokens.create',
      targetId: summary.id,
      options: { scope: summary.scope, expires_at: summary.expiresAt },
      outcome: 'succeeded',
      statusCode: 201,
      errorCode: null,
      providerRequestIds: [],
      requestId: request.id,
      createdAt: new Date().toISOString(),
    });
    return reply.code(201).send({ ...viewApiToken(summary), token });
  });

  app.delete('/api-token/:id', (request: FastifyRequest<{ Params: { id: string } }>, reply) =>
    executeMutation(
      request,
      reply,
      context,
      {
        accountId: '',
        operation: 'api_tokens.revoke',
        targetId: request.params.id,
        options: {},
        requestIdentity: { method: 'DELETE', path: '/api-token', id: request.params.id },
      },
      async () => {
        const revoked = await context.store.revokeApiToken(
          request.tenantId,
          request.params.id,
          new Date().toISOString(),
        );
        if (!revoked) {
          throw new NotFoundError({
            message: `No API token ${request.params.id}.`,
            resource: 'api_tokens',
            id: request.params.id,
          });
        }
        return { statusCode: 200, body: { id: request.params.id, revoked: true } };
      },
    ),
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loggedAccountId } from '../logging/create-logger.js';
import type { SecretScope } from '../security/secret-registry.js';
import './request-context.js';

function namedAccountId(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.integrated_account_id;
  if (typeof fromQuery === 'string' && fromQuery.length > 0) return fromQuery;
  const parameters = request.params as Record<string, unknown> | undefined;
  if (request.routeOptions.url?.startsWith('/integrated-accounts/') && typeof parameters?.id === 'string')
    return parameters.id;
  return undefined;
}

/**
 * Notes which integrated account a request concerns, so its error body and its log lines are scrubbed of
 * that account's secrets (and of no other account's).
 */
export function registerAccountScope(app: FastifyInstance): void {
  app.decorateRequest('integratedAccountId', '');
  app.addHook('preHandler', (request, _reply, done) => {
    const accountId = namedAccountId(request);
    if (accountId !== undefined) {
      request.integratedAccountId = accountId;
      (request.log as { [loggedAccountId]?: string })[loggedAccountId] = accountId;
    }
    done();
  });
}

/** The account whose secrets are scrubbed from this request's answers; none before authentication. */
export function accountScopeOf(
  request: FastifyRequest,
  accountId = request.integratedAccountId,
): SecretScope | undefined {
  if (!request.tenantId || !accountId) return undefined;
  return { tenantId: request.tenantId, accountId };
}

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createApiTokenLookup } from '../security/api-token-cache.js';
import { hashApiToken, hashesEqual, readBearerToken } from '../security/api-tokens.js';
import { InsufficientScopeError, requiredScope, scopeAllows } from '../security/token-scopes.js';
import type { Store } from '../storage/store.js';
import { UnauthorizedError } from './http-errors.js';
import './request-context.js';

/** Every route but the public ones needs `Authorization: Bearer <token>`; the token decides the tenant. */
export function registerAuthentication(app: FastifyInstance, store: Store): void {
  app.decorateRequest('tenantId', '');
  app.decorateRequest('apiTokenId', '');
  const findApiToken = createApiTokenLookup(store);
  const recordUse = createUseRecorder(store);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const token = readBearerToken(request.headers.authorization);
    if (token === undefined) throw new UnauthorizedError();
    const computedHash = hashApiToken(token);
    const stored = await findApiToken(computedHash);
    if (!stored || !hashesEqual(stored.tokenHash, computedHash)) throw new UnauthorizedError();
    if (
      stored.revokedAt !== null ||
      (stored.expiresAt !== null && Date.parse(stored.expiresAt) <= Date.now())
    )
      throw new UnauthorizedError();
    const required = requiredScope(request.method, request.url.split('?')[0] ?? '');
    if (!scopeAllows(stored.scope, required)) throw new InsufficientScopeError(stored.scope, required);
    request.tenantId = stored.tenantId;
    request.apiTokenId = stored.id;
    recordUse(stored.id, request.log);
  });
}

/** `last_used_at` is written at most once a minute per token: a write per request would cost more than the request. */
function createUseRecorder(store: Store) {
  const recorded = new Map<string, number>();
  return (tokenId: string, log: FastifyBaseLogger) => {
    const now = Date.now();
    if ((recorded.get(tokenId) ?? 0) > now - 60_000) return;
    recorded.set(tokenId, now);
    store.recordApiTokenUse(tokenId, new Date(now).toISOString()).catch((error: unknown) => {
      log.warn({ err: error }, 'recording the API token use failed');
    });
  };
}

import type { FastifyInstance } from 'fastify';
import { createApiTokenLookup } from '../security/api-token-cache.js';
import { hashApiToken, hashesEqual, readBearerToken } from '../security/api-tokens.js';
import type { Store } from '../storage/store.js';
import { UnauthorizedError } from './http-errors.js';
import './request-context.js';

/** Every route but the public ones needs `Authorization: Bearer <token>`; the token decides the tenant. */
export function registerAuthentication(app: FastifyInstance, store: Store): void {
  app.decorateRequest('tenantId', '');
  app.decorateRequest('apiTokenId', '');
  const findApiToken = createApiTokenLookup(store);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const token = readBearerToken(request.headers.authorization);
    if (token === undefined) throw new UnauthorizedError();
    const computedHash = hashApiToken(token);
    const stored = await findApiToken(computedHash);
    if (!stored || !hashesEqual(stored.tokenHash, computedHash)) throw new UnauthorizedError();
    request.tenantId = stored.tenantId;
    request.apiTokenId = stored.id;
  });
}

import { randomUUID } from 'node:crypto';
import type { ApiTokenScope, ApiTokenSummary, Store } from '../storage/store.js';
import { generateApiToken, hashApiToken } from './api-tokens.js';

/** Characters of a token kept to recognise it in a list (the `unidir_` prefix and five random ones). */
const recognisablePrefixLength = 12;

/** Creates a token for the tenant; the token itself is returned once and stored only as its hash. */
export async function issueApiToken(
  store: Store,
  request: { tenantId: string; name: string | null; scope: ApiTokenScope; expiresAt: string | null },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = generateApiToken();
  const summary: ApiTokenSummary = {
    id: randomUUID(),
    name: request.name,
    prefix: token.slice(0, recognisablePrefixLength),
    scope: request.scope,
    createdAt: new Date().toISOString(),
    expiresAt: request.expiresAt,
    lastUsedAt: null,
  };
  await store.createApiToken({ ...summary, tenantId: request.tenantId, tokenHash: hashApiToken(token) });
  return { token, summary };
}

export function viewApiToken(summary: ApiTokenSummary) {
  return {
    id: summary.id,
    name: summary.name,
    prefix: summary.prefix,
    scope: summary.scope,
    created_at: summary.createdAt,
    expires_at: summary.expiresAt,
    last_used_at: summary.lastUsedAt,
  };
}

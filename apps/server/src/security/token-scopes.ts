import { UnidirError } from '@unidir/core';
import type { ApiTokenScope } from '../storage/store.js';

export const apiTokenScopes: readonly ApiTokenScope[] = ['read', 'write', 'admin'];

/** `read` may only read; `write` may also change accounts and directories; `admin` may also manage tokens. */
export function requiredScope(method: string, path: string): ApiTokenScope {
  if (path === '/api-token' || path.startsWith('/api-token/')) return 'admin';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

export function scopeAllows(granted: ApiTokenScope, required: ApiTokenScope): boolean {
  return apiTokenScopes.indexOf(granted) >= apiTokenScopes.indexOf(required);
}

export class InsufficientScopeError extends UnidirError {
  constructor(granted: ApiTokenScope, required: ApiTokenScope) {
    super({
      message: `This API token has the ${granted} scope; this call needs ${required}.`,
      code: 'insufficient_scope',
      httpStatus: 403,
      name: 'InsufficientScopeError',
      details: { scope: granted, required_scope: required },
    });
  }
}

import type { FakeResponse } from '@unidir/testkit';
import { scimSchemas } from '../scim-resources.js';

/** An RFC 7644 §3.12 error answer. */
export function scimError(status: number, detail: string, scimType?: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/scim+json' },
    body: { schemas: [scimSchemas.error], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

/** Thrown inside the fake's handlers and turned into the SCIM error answer. */
export class ScimFakeError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }

  toResponse(): FakeResponse {
    return scimError(this.status, this.message, this.scimType);
  }
}

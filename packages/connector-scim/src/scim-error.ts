import { type ProviderErrorInfo, parseProviderErrorDefault } from '@unidir/connector-utils';

interface ScimErrorBody {
  schemas?: unknown;
  status?: unknown;
  scimType?: unknown;
  detail?: unknown;
}

/** RFC 7644 §3.12 error body. */
export function isScimErrorBody(body: unknown): body is ScimErrorBody {
  return typeof body === 'object' && body !== null && ('detail' in body || 'scimType' in body);
}

/**
 * SCIM's `{schemas: [...Error], status, scimType, detail}` -> what connector-utils needs. `scimType` (e.g.
 * `uniqueness`, `invalidFilter`, `mutability`) becomes the provider code; bodies in other shapes (an app's
 * gateway error page) fall back to the common readers.
 */
export function parseScimError(response: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): ProviderErrorInfo {
  const fallback = parseProviderErrorDefault(response);
  const { body } = response;
  if (!isScimErrorBody(body)) return fallback;
  const info: ProviderErrorInfo = {
    message: typeof body.detail === 'string' && body.detail ? body.detail : fallback.message,
  };
  if (typeof body.scimType === 'string') info.providerCode = body.scimType;
  if (fallback.requestId !== undefined) info.requestId = fallback.requestId;
  if (response.status === 429) info.isRateLimit = true;
  if (response.status === 401) info.isAuthFailure = true;
  return info;
}

import type { FakeResponse } from './fake-provider-server.js';

/**
 * Whether a fake's lookup gave back the provider's error answer instead of what it looked for: route handlers
 * return a lookup's refusal as it is and go on with what it found.
 */
export function isFakeResponse(value: unknown): value is FakeResponse {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number';
}

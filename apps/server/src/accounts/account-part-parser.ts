import type { AnyUserDirectoryConnectorV1 } from '@unidir/core';
import { ValidationError } from '@unidir/core';
import { describeIssues } from './account-input.js';

/**
 * The largest credentials or settings an account may hold, as JSON. Real ones (a PEM key and a few ids)
 * stay under 8 KiB; the bound keeps one account from holding enough strings to slow every scrub.
 */
export const maximumAccountPartBytes = 32 * 1024;

export type AccountPart = 'credentials' | 'settings';

/** Keys of `input` the parsed value dropped (zod strips what a schema does not name), as dotted paths. */
function droppedKeys(input: unknown, parsed: unknown, path: readonly string[] = []): string[] {
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(parsed, key)
      ? droppedKeys(input[key], parsed[key], [...path, key])
      : [[...path, key].join('.')],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates an account's credentials or settings against the connector's schema strictly (a key the
 * schema does not name is refused, not kept) and returns the parsed result, the only thing stored.
 */
export function parseAccountPart(
  connector: AnyUserDirectoryConnectorV1,
  part: AccountPart,
  input: Record<string, unknown>,
): Record<string, unknown> {
  if (Buffer.byteLength(JSON.stringify(input)) > maximumAccountPartBytes) {
    throw new ValidationError({
      code: `${part}_too_large`,
      message: `The ${part} exceed ${maximumAccountPartBytes / 1024} KiB as JSON.`,
    });
  }
  const schema = part === 'credentials' ? connector.credentialsSchema : connector.settingsSchema;
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError({
      code: `invalid_${part}`,
      message: `The ${part} do not match what the ${connector.id} integration needs.`,
      details: { issues: describeIssues(result.error) },
    });
  }
  const unknownKeys = droppedKeys(input, result.data);
  if (unknownKeys.length > 0) {
    throw new ValidationError({
      code: `invalid_${part}`,
      message: `The ${part} hold fields the ${connector.id} integration does not take: ${unknownKeys.slice(0, 10).join(', ')}.`,
      details: {
        issues: unknownKeys
          .slice(0, 10)
          .map((path) => ({ path, message: 'not a field of this integration' })),
      },
    });
  }
  return result.data as Record<string, unknown>;
}

/**
 * A changed provider URL (`base_url`, `token_url`, ...) needs the credentials sent with it: stored secrets
 * are never sent to a newly named host on the strength of an API token alone.
 */
export function assertCredentialsResentForNewHosts(
  stored: Record<string, unknown>,
  next: Record<string, unknown>,
): void {
  const names = new Set(
    [...Object.keys(stored), ...Object.keys(next)].filter((name) => name.endsWith('_url')),
  );
  const changed = [...names].filter((name) => stored[name] !== next[name]);
  if (changed.length === 0) return;
  throw new ValidationError({
    code: 'credentials_required',
    message: `Changing ${changed.join(', ')} needs the credentials in the same request: stored credentials are never sent to a newly named host.`,
    details: { settings: changed },
  });
}

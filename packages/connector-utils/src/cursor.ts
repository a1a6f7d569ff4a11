import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError, ValidationError } from '@unidir/core';
import type { z } from 'zod';

const cursorVersion = 1;
const minimumKeyBytes = 16;

let signingKey: Buffer = randomBytes(32);

/**
 * Cursors are signed with a process-random key by default, so they only work against the process that
 * issued them; several processes behind one load balancer must share a key.
 */
export function setCursorSigningKey(key: string | Buffer): void {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < minimumKeyBytes) {
    throw new ValidationError({
      message: `The cursor signing key must be at least ${minimumKeyBytes} bytes.`,
      code: 'invalid_cursor_signing_key',
    });
  }
  signingKey = bytes;
}

function tag(payload: string): Buffer {
  return createHmac('sha256', signingKey).update(payload).digest();
}

/** `base64url(JSON {v, c, s}).base64url(HMAC-SHA256)`: opaque to callers, unforgeable, bound to a connector. */
export function encodeCursor(connectorId: string, state: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify({ v: cursorVersion, c: connectorId, s: state })).toString(
    'base64url',
  );
  return `${payload}.${tag(payload).toString('base64url')}`;
}

function invalid(reason: string): InvalidCursorError {
  return new InvalidCursorError({
    message: `The cursor is not valid: ${reason}. Start again from the first page.`,
  });
}

/** The state a cursor carries, after checking its signature, version, connector and shape. */
export function decodeCursor<State>(connectorId: string, cursor: string, schema: z.ZodType<State>): State {
  const parts = cursor.split('.');
  const [payload, signature] = parts;
  if (parts.length !== 2 || payload === undefined || signature === undefined || payload === '') {
    throw invalid('it is malformed');
  }
  const expected = tag(payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid('it was not issued by this server');
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it is malformed');
  }
  const { v, c, s } = (envelope ?? {}) as { v?: unknown; c?: unknown; s?: unknown };
  if (v !== cursorVersion) throw invalid('it is of an unsupported version');
  if (c !== connectorId) throw invalid('it belongs to another integration');
  const parsed = schema.safeParse(s);
  if (!parsed.success) throw invalid('its content is not what this list expects');
  return parsed.data;
}

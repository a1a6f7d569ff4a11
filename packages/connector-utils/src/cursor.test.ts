import { InvalidCursorError, ValidationError } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, setCursorSigningKey } from './cursor.js';

const stateSchema = z.object({ nextLink: z.string().url() }).strict();

function expectInvalid(cursor: string, connectorId = 'azure-ad') {
  expect(() => decodeCursor(connectorId, cursor, stateSchema)).toThrow(InvalidCursorError);
}

describe('cursors', () => {
  it('round-trip their state, opaque to the caller', () => {
    const cursor = encodeCursor('azure-ad', {
      nextLink: 'https://graph.microsoft.com/v1.0/users?$skiptoken=x',
    });
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(decodeCursor('azure-ad', cursor, stateSchema)).toEqual({
      nextLink: 'https://graph.microsoft.com/v1.0/users?$skiptoken=x',
    });
  });

  it('refuse a forged cursor: edited state or a made-up signature', () => {
    const cursor = encodeCursor('azure-ad', { nextLink: 'https://graph.microsoft.com/v1.0/users' });
    const [, signature] = cursor.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ v: 1, c: 'azure-ad', s: { nextLink: 'http://169.254.169.254/' } }),
    ).toString('base64url');
    expectInvalid(`${forgedPayload}.${signature}`);
    expectInvalid(`${cursor.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`);
  });

  it('refuse a cursor issued for another connector', () => {
    expectInvalid(encodeCursor('google-workspace', { nextLink: 'https://x.example/' }), 'azure-ad');
  });

  it('refuse malformed cursors and cursors whose state does not match the schema', () => {
    for (const cursor of ['', 'abc', 'a.b.c', '.', 'not base64!.sig', '%00.%00']) expectInvalid(cursor);
    expectInvalid(encodeCursor('azure-ad', { nextLink: 'not a url' }));
    expectInvalid(encodeCursor('azure-ad', { nextLink: 'https://x.example/', extra: 1 }));
  });

  it('stop validating after the signing key changes, and require a strong key', () => {
    const before = encodeCursor('azure-ad', { nextLink: 'https://x.example/' });
    setCursorSigningKey('a shared key of at least sixteen bytes');
    expectInvalid(before);
    const after = encodeCursor('azure-ad', { nextLink: 'https://x.example/' });
    expect(decodeCursor('azure-ad', after, stateSchema)).toEqual({ nextLink: 'https://x.example/' });
    expect(() => setCursorSigningKey('short')).toThrow(ValidationError);
  });
});

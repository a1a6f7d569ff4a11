import { redactSecretsDeep } from '@unidir/connector-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonTextScrubber } from './json-text-scrubber.js';

/** What the stream must write: the record scrubbed whole, then serialised. */
function scrubbedWhole(value: unknown, secrets: string[]): string {
  return JSON.stringify(redactSecretsDeep(value, secrets));
}

function scrubbedText(value: unknown, secrets: string[]): string | undefined {
  return createJsonTextScrubber(secrets)(JSON.stringify(value), (part) => redactSecretsDeep(part, secrets));
}

describe('createJsonTextScrubber', () => {
  it('scrubs the string values holding a secret, escaped as JSON writes them, and leaves the rest', () => {
    const secrets = ['quote"back\\slash', 'line\nbreak-secret', 'plain-secret'];
    const record = {
      id: 'user-1',
      name: 'x quote"back\\slash y',
      nested: [{ deep: ['plain-secret', 'a line\nbreak-secret'] }, 42, null, true],
      untouched: 'nothing to see \n "here"',
    };
    const text = scrubbedText(record, secrets);
    expect(text).toBe(scrubbedWhole(record, secrets));
    expect(JSON.parse(text ?? '')).toMatchObject({ name: 'x [REDACTED] y', untouched: record.untouched });
  });

  it('scrubs the URL-encoded form, as the host does', () => {
    const record = { link: 'https://x.test/?q=a%20b%2Fc-secret' };
    expect(scrubbedText(record, ['a b/c-secret'])).toBe('{"link":"https://x.test/?q=[REDACTED]"}');
  });

  it('returns the text itself when it holds no secret', () => {
    const text = JSON.stringify({ name: 'nothing', other: 'plain-secre' });
    expect(createJsonTextScrubber(['plain-secret'])(text, () => 'unused')).toBe(text);
    expect(createJsonTextScrubber([])(text, () => 'unused')).toBe(text);
  });

  it('leaves to scrubbing the record whole a secret in a key, a number or an escape sequence', () => {
    expect(scrubbedText({ 'plain-secret': 1 }, ['plain-secret'])).toBeUndefined();
    expect(scrubbedText({ count: 1234567 }, ['234567'])).toBeUndefined();
    expect(scrubbedText({ name: 'a\nsecret-b' }, ['nsecret-b'])).toBeUndefined();
    expect(scrubbedText({ name: 'a\u0011111111-b' }, ['11111111-b'])).toBeUndefined();
    expect(scrubbedText({ name: 'x' }, ['\uD83D-secret'])).toBeUndefined();
  });

  it('writes exactly what scrubbing the record whole writes, whatever the record and secrets', () => {
    // Characters JSON escapes, and characters of escape sequences and numbers, so secrets meet them.
    const tricky = fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '1', '-', 'u', '%', ' ', '/'),
    });
    const text = fc.oneof(tricky, fc.string({ unit: 'binary' }));
    let scrubbedAsText = 0;
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: 'binary' }),
        fc.array(
          text.filter((secret) => secret.length >= 4),
          { maxLength: 3 },
        ),
        text,
        (value, secrets, around) => {
          const record = { value, echo: `${around}${secrets.join(around)}${around}`, [around]: around };
          const scrubbed = scrubbedText(record, secrets);
          if (scrubbed === undefined) return;
          scrubbedAsText += 1;
          expect(scrubbed).toBe(scrubbedWhole(record, secrets));
        },
      ),
      { numRuns: 1000 },
    );
    expect(scrubbedAsText).toBeGreaterThan(300);
  });
});

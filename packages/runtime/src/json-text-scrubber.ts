/** A string holding one of these is written by JSON.stringify differently alone than inside a longer string. */
const surrogates = /[\uD800-\uDFFF]/;
const colon = 0x3a;
const letterU = 0x75;

/** What a record's JSON text becomes once scrubbed, or `undefined` when only scrubbing the record is exact. */
export type JsonTextScrubber = (jsonText: string, redact: (value: unknown) => unknown) => string | undefined;

/**
 * Scrubs a record's JSON text of the account's secrets without scrubbing the whole record: `JSON.stringify`
 * escapes a string code unit by code unit, so a string holding a secret becomes text holding the secret's
 * escaped form (its URL-encoded form is looked for too, as the host scrubs both). A text holding none is
 * returned as it is; otherwise each string value holding one is parsed, given to `redact` and written
 * again, which is what scrubbing the whole record does to it, since `redact` scrubs every string on its own
 * and leaves strings without a secret alone. A secret found in a key, or not at the start of a character
 * inside a string (within an escape sequence, across strings, in a number), answers `undefined`: the
 * caller then scrubs the record itself. So does every text when a secret holds a surrogate code unit.
 */
export function createJsonTextScrubber(secrets: readonly string[]): JsonTextScrubber {
  // An empty string cannot be scrubbed out of anything.
  const named = secrets.filter((secret) => secret !== '');
  if (named.length === 0) return (jsonText) => jsonText;
  if (named.some((secret) => surrogates.test(secret))) return () => undefined;
  const forms = [...new Set(named.flatMap((secret) => [secret, encodeURIComponent(secret)]))].map((form) =>
    JSON.stringify(form).slice(1, -1),
  );
  return (jsonText, redact) => {
    const starts = secretStarts(jsonText, forms);
    if (starts.length === 0) return jsonText;
    const strings = stringValuesHolding(jsonText, starts);
    if (strings === undefined) return undefined;
    let scrubbed = '';
    let copied = 0;
    for (const [open, close] of strings) {
      const redacted = redact(JSON.parse(jsonText.slice(open, close + 1)));
      // A host that scrubs a string into something else is left to scrub the whole record.
      if (typeof redacted !== 'string') return undefined;
      scrubbed += `${jsonText.slice(copied, open)}${JSON.stringify(redacted)}`;
      copied = close + 1;
    }
    return scrubbed + jsonText.slice(copied);
  };
}

/** Where any form begins in the text, ascending, each position once. */
function secretStarts(text: string, forms: readonly string[]): number[] {
  const starts: number[] = [];
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) starts.push(at);
  }
  if (starts.length > 1) starts.sort((left, right) => left - right);
  return starts.filter((start, index) => start !== starts[index - 1]);
}

/**
 * The string values (opening and closing quote) in which the `starts` lie, or `undefined` when one lies
 * elsewhere: outside strings, inside an escape sequence, or in a key (a key scrubbed alone could collide).
 * Reads from quote to quote and escape to escape with `indexOf`, stopping after the last start's string.
 */
function stringValuesHolding(text: string, starts: readonly number[]): Array<[number, number]> | undefined {
  const strings: Array<[number, number]> = [];
  let next = 0;
  let index = 0;
  let backslash = text.indexOf('\\');
  while (next < starts.length) {
    const open = text.indexOf('"', index);
    if (open === -1 || (starts[next] as number) <= open) return undefined;
    let holds = false;
    index = open + 1;
    for (;;) {
      const close = text.indexOf('"', index);
      if (close === -1) return undefined;
      if (backslash !== -1 && backslash < index) backslash = text.indexOf('\\', index);
      const escapes = backslash !== -1 && backslash < close;
      // Starts up to a backslash are at character boundaries; a start at the closing quote is not in the string.
      const boundary = escapes ? backslash : close - 1;
      while (next < starts.length && (starts[next] as number) <= boundary) {
        holds = true;
        next += 1;
      }
      if (!escapes) {
        if (next < starts.length && starts[next] === close) return undefined;
        index = close + 1;
        break;
      }
      index = backslash + (text.charCodeAt(backslash + 1) === letterU ? 6 : 2);
      if (next < starts.length && (starts[next] as number) < index) return undefined;
    }
    if (holds) {
      if (text.charCodeAt(index) === colon) return undefined;
      strings.push([open, index - 1]);
    }
  }
  return strings;
}

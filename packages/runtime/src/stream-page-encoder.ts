import type { RecordResult } from '@unidir/core';
import { createJsonTextScrubber } from './json-text-scrubber.js';
import type { RecordShaper } from './record-shaping.js';

/** One page's records as JSON texts, in order: checked, shaped and scrubbed of the account's secrets. */
export type PageEncoder = (records: readonly RecordResult<object>[]) => string[];

export function createPageEncoder(options: {
  shape: RecordShaper;
  /** Scrubs the account's secrets from a shaped record. */
  redact?: (value: unknown) => unknown;
  /**
   * The strings `redact` removes. Read for every page, since a token refreshed during a long stream is a
   * new secret. With it, only the strings holding one are scrubbed; without it, every record is, whole.
   */
  secrets?: () => readonly string[];
}): PageEncoder {
  const { shape, redact, secrets } = options;
  if (redact === undefined) return (records) => records.map((record) => JSON.stringify(shape(record)));
  if (secrets === undefined)
    return (records) => records.map((record) => JSON.stringify(redact(shape(record))));
  return (records) => {
    const scrub = createJsonTextScrubber(secrets());
    // The same string often holds a secret in every record (Graph's tenant id in organizations): scrubbed once a page.
    const scrubbedStrings = new Map<unknown, unknown>();
    const redactString = (value: unknown) => {
      if (!scrubbedStrings.has(value)) scrubbedStrings.set(value, redact(value));
      return scrubbedStrings.get(value);
    };
    return records.map((record) => {
      const shaped = shape(record);
      return scrub(JSON.stringify(shaped), redactString) ?? JSON.stringify(redact(shaped));
    });
  };
}

import type { StreamEncoding } from '@unidir/runtime';

/**
 * How `truto_response_format=stream` is written for this request. A client that accepts JSON but not
 * NDJSON (Truto's SDK sends `Accept: application/json` and parses every JSON answer as one document) gets
 * one JSON document, still written record by record; everyone else (no Accept, `*\/*`, NDJSON) gets NDJSON.
 */
export function streamEncodingFor(accept: string | undefined): StreamEncoding {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((type) => type !== '');
  if (types.includes('application/x-ndjson')) return 'ndjson';
  return types.includes('application/json') ? 'json' : 'ndjson';
}

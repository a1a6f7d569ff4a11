import { DisallowedHostError, ValidationError } from '@unidir/core';
import type { SecretRedactor } from './redact-secrets.js';

export type ProviderQuery = Record<string, string | number | boolean | readonly string[] | undefined>;

function parseUrl(url: string, what: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new DisallowedHostError({ message: `The ${what} is not an absolute URL.`, host: '' });
  }
}

/**
 * Checks a base URL or token URL an account's settings name: https only (http when the host allows it for
 * loopback fakes), no embedded user info, no query or fragment to be silently dropped.
 */
export function parseProviderUrl(url: string, options: { allowInsecure?: boolean; what: string }): URL {
  const parsed = parseUrl(url, options.what);
  const allowedProtocols = options.allowInsecure ? ['https:', 'http:'] : ['https:'];
  if (!allowedProtocols.includes(parsed.protocol)) {
    throw new DisallowedHostError({
      message: `The ${options.what} must use https (got ${parsed.protocol.replace(':', '')}).`,
      host: parsed.host,
    });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new DisallowedHostError({
      message: `The ${options.what} must not contain credentials.`,
      host: parsed.host,
    });
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new ValidationError({
      message: `The ${options.what} must not have a query or fragment.`,
      code: 'invalid_provider_url',
    });
  }
  return parsed;
}

/** A provider-supplied absolute URL (a next link) may only lead back to the provider we were configured for. */
export function assertSameOrigin(url: string, baseUrl: string): URL {
  const parsed = parseUrl(url, 'provider link');
  const base = parseUrl(baseUrl, 'base URL');
  if (parsed.origin !== base.origin || parsed.username !== '' || parsed.password !== '') {
    throw new DisallowedHostError({
      message: `Refusing to follow a provider link to ${parsed.protocol}//${parsed.host}: only ${base.origin} is allowed.`,
      host: parsed.host,
    });
  }
  return parsed;
}

const refusedSegments = new Set(['', '.', '..']);

function encodePathSegment(segment: string): string {
  if (typeof segment !== 'string' || refusedSegments.has(segment)) {
    throw new ValidationError({
      message: `Refusing the path segment ${JSON.stringify(segment)}: empty, "." and ".." are not allowed.`,
      code: 'invalid_path_segment',
    });
  }
  // encodeURIComponent turns '/', '?', '#' and '%' into escapes, so a segment can never add a level or smuggle
  // an already-encoded slash: '%2F' arrives at the provider as the three characters it is.
  return encodeURIComponent(segment);
}

/** Query names keep '$' readable (OData's `$filter`); everything else is percent-encoded. */
function encodeQueryName(name: string): string {
  return encodeURIComponent(name).replaceAll('%24', '$');
}

/** The query's `name=value` pairs, each percent-encoded, joined by `&` (empty when there are none). */
function encodeQuery(query: ProviderQuery | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) parts.push(`${encodeQueryName(name)}=${encodeURIComponent(item)}`);
  }
  return parts.join('&');
}

export function appendQuery(url: URL, query: ProviderQuery | undefined): void {
  const added = encodeQuery(query);
  if (added === '') return;
  url.search = url.search === '' ? added : `${url.search.slice(1)}&${added}`;
}

/** Joins encoded path segments under the base URL's own path and appends the query. */
export function buildProviderUrl(base: URL, path: readonly string[], query?: ProviderQuery): URL {
  const basePath = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  const search = encodeQuery(query);
  // One parse of the finished text: every part is already percent-encoded, and each URL setter would parse again.
  return new URL(
    `${base.origin}${[basePath, ...path.map(encodePathSegment)].join('/')}${search === '' ? '' : `?${search}`}`,
  );
}

/** Query parameters that carry credentials in the APIs we know (`?key=` Google, `?access_token=` OAuth, SAS `sig`). */
const secretQueryNames = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'secret',
  'password',
  'signature',
  'sig',
  'assertion',
  'client_assertion',
  'api_key',
  'apikey',
  'key',
  'code',
]);

/** The URL as it may appear in logs, errors and the provider-call journal. */
export function describeUrlForLog(url: URL, redactor: SecretRedactor): string {
  const credentialNames = [...url.searchParams.keys()].filter((name) =>
    secretQueryNames.has(name.toLowerCase()),
  );
  if (credentialNames.length === 0) return redactor.text(url.href);
  const described = new URL(url);
  for (const name of credentialNames) described.searchParams.set(name, 'REDACTED');
  return redactor.text(described.href);
}

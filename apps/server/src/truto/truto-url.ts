/** Truto's singular resource names, served by our plural routes. */
const trutoPrefixes: ReadonlyArray<[truto: string, ours: string]> = [
  ['/integrated-account', '/integrated-accounts'],
  ['/integration', '/integrations'],
];

function renamePrefix(path: string): string {
  for (const [truto, ours] of trutoPrefixes) {
    if (path === truto || path.startsWith(`${truto}/`)) return `${ours}${path.slice(truto.length)}`;
  }
  return path;
}

/**
 * The URL a request is routed by: duplicate and trailing slashes dropped (a base URL that ends in `/`
 * makes Truto's SDK ask for `//unified/...`) and Truto's singular resource names mapped to ours. Only
 * the path changes; the query string is passed on byte for byte.
 */
export function rewriteTrutoUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const collapsed = path.replace(/\/{2,}/g, '/');
  const trimmed = collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
  return `${renamePrefix(trimmed)}${query}`;
}

/** One link: `<url>` then `; name=value` parameters, where a quoted value may hold ';' and ','. */
const linkPattern = /<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,\s]*))?)*)/g;
const relPattern = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i;

/** `<https://x/users?after=abc>; rel="next", <…>; rel="self"` -> `{ next: 'https://x/users?after=abc', self: '…' }`. */
export function parseLinkHeader(value: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (value === undefined) return links;
  for (const [, url, parameters] of value.matchAll(linkPattern)) {
    if (url === undefined || parameters === undefined) continue;
    const rel = relPattern.exec(parameters);
    const relations = rel?.[1] ?? rel?.[2];
    if (relations === undefined) continue;
    for (const relation of relations.trim().split(/\s+/)) {
      links[relation.toLowerCase()] ??= url;
    }
  }
  return links;
}

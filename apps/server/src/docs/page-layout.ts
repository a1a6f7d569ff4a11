const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** The docs pages' shared styles: readable from phone width up, nothing loaded from elsewhere. */
export const docsStyles = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
  header { background: #111; color: #fff; padding: 12px 16px; display: flex; flex-wrap: wrap; gap: 16px; align-items: center; }
  header a { color: #9cf; }
  main { max-width: 1100px; margin: 0 auto; padding: 16px 16px 64px; }
  h2 { margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
  .scroll { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  p, li, td { overflow-wrap: anywhere; }
  pre { background: #f3f3f3; padding: 8px; overflow-x: auto; white-space: pre; }
  .yes { color: #0a7d33; } .no { color: #999; } .required { color: #a15c00; font-weight: 600; } .only { color: #1d5fd1; }
`;

/** The navigation between the reference, the coverage matrix and the guides. */
export function docsHeader(current: 'reference' | 'coverage' | 'guides'): string {
  const link = (page: typeof current, href: string, label: string) =>
    page === current ? `<strong>${label}</strong>` : `<a href="${href}">${label}</a>`;
  return `<header><strong>unidir</strong>${link('reference', '/docs', 'API reference')}${link('coverage', '/docs/coverage', 'Coverage matrix')}${link('guides', '/docs/guides', 'Guides')}<a href="/openapi.json">openapi.json</a></header>`;
}

export function docsPage(title: string, current: 'reference' | 'coverage' | 'guides', body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${docsStyles}</style>
</head>
<body>
${docsHeader(current)}
<main>
${body}
</main>
</body>
</html>
`;
}

import {
  type AnyUserDirectoryConnectorV1,
  executableResources,
  type OperationCapability,
  type OperationName,
  operationNames,
  type ParameterCapability,
  universalListParameters,
  wireOperationName,
} from '@unidir/core';
import { docsPage, escapeHtml } from './page-layout.js';

interface Row {
  kind: 'parameter' | 'field';
  name: string;
}

/** A cell: whether the integration supports it, requires it, or accepts only some values. */
function cell(capability: OperationCapability | undefined, row: Row): string {
  if (!capability) return '<td class="no">—</td>';
  const entry = row.kind === 'parameter' ? capability.parameters[row.name] : capability.fields[row.name];
  if (!entry) return '<td class="no">no</td>';
  const notes = entry.notes ? ` title="${escapeHtml(entry.notes)}"` : '';
  const parameter = row.kind === 'parameter' ? (entry as ParameterCapability) : undefined;
  const values = parameter?.values;
  if (parameter?.required) return `<td class="required"${notes}>required</td>`;
  if (values) return `<td class="only"${notes}>only ${escapeHtml(values.join(', '))}</td>`;
  return `<td class="yes"${notes}>yes</td>`;
}

function summary(capabilities: Array<OperationCapability | undefined>, row: Row): string {
  let supported = 0;
  let required = 0;
  for (const capability of capabilities) {
    const entry =
      capability &&
      (row.kind === 'parameter' ? capability.parameters[row.name] : capability.fields[row.name]);
    if (!entry) continue;
    supported += 1;
    if (row.kind === 'parameter' && (entry as ParameterCapability).required) required += 1;
  }
  return `${supported} supported / ${required} required`;
}

function operationSection(
  connectors: readonly AnyUserDirectoryConnectorV1[],
  resource: string,
  operation: OperationName,
): string | undefined {
  const capabilities = connectors.map(
    (connector) => connector.manifest[resource as keyof typeof connector.manifest]?.[operation],
  );
  const supporting = capabilities.filter((capability) => capability !== undefined).length;
  if (supporting === 0) return undefined;
  const names = (kind: Row['kind']) =>
    [
      ...new Set(
        capabilities.flatMap((capability) =>
          Object.keys((kind === 'parameter' ? capability?.parameters : capability?.fields) ?? {}),
        ),
      ),
    ].sort();
  const rows: Row[] = [
    ...names('parameter').map((name) => ({ kind: 'parameter' as const, name })),
    ...names('field').map((name) => ({ kind: 'field' as const, name })),
  ];
  const method = wireOperationName(operation);
  const header = connectors.map((connector) => `<th>${escapeHtml(connector.displayName)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr><td>${row.kind}</td><td><code>${escapeHtml(row.name)}</code></td><td>${summary(capabilities, row)}</td>${capabilities.map((capability) => cell(capability, row)).join('')}</tr>`,
    )
    .join('\n');
  const universal =
    operation === 'list'
      ? `<p>Every integration also accepts ${universalListParameters.map((name) => `<code>${name === 'cursor' ? 'next_cursor' : name}</code>`).join(', ')}.</p>`
      : '';
  return `<section id="${escapeHtml(`${resource}-${method}`)}">
<h3><code>${escapeHtml(resource)}</code> · ${escapeHtml(method)} — ${supporting} of ${connectors.length} integrations</h3>
${universal}
<div class="scroll"><table>
<tr><th>kind</th><th>name</th><th>coverage</th>${header}</tr>
${body}
</table></div>
</section>`;
}

/**
 * Integrations × resources × methods × parameters and fields, from the loaded connectors' manifests:
 * "N supported / M required" per row, and per integration whether it supports, requires or accepts only
 * some values (hover a cell for the connector's note).
 */
export function renderCoveragePage(connectors: readonly AnyUserDirectoryConnectorV1[]): string {
  const sections = executableResources.flatMap((resource) => {
    const parts = operationNames
      .map((operation) => operationSection(connectors, resource, operation))
      .filter((section): section is string => section !== undefined);
    return parts.length === 0 ? [] : [`<h2 id="${resource}">${escapeHtml(resource)}</h2>`, ...parts];
  });
  const integrations = connectors
    .map(
      (connector) =>
        `<li><strong>${escapeHtml(connector.displayName)}</strong> (<code>${escapeHtml(connector.id)}</code>)</li>`,
    )
    .join('');
  return docsPage(
    'unidir coverage matrix',
    'coverage',
    `<h1>Coverage matrix</h1>
<p>Generated from the capability manifests of the loaded connectors. <span class="yes">yes</span>: supported;
<span class="required">required</span>: the integration needs it; <span class="only">only …</span>: only these values
are accepted (others are refused before any provider call); <span class="no">no</span>: refused. Hover a cell for the
connector's note.</p>
<ul>${integrations}</ul>
${sections.join('\n')}`,
  );
}

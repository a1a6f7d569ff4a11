import {
  type AnyUserDirectoryConnectorV1,
  executableResources,
  type OperationCapability,
  type OperationName,
  operationSchemas,
} from '@unidir/core';
import { httpMethodOf, pathOf } from './unified-paths.js';

interface DocumentedOperation {
  description?: string;
  parameters?: Array<{ name: string; in: string; description?: string }>;
}

function parameterNote(
  connector: AnyUserDirectoryConnectorV1,
  capability: OperationCapability,
  name: string,
) {
  const declared = capability.parameters[name];
  if (!declared) return undefined;
  const facts = [
    declared.required ? 'required' : undefined,
    declared.values ? `only ${declared.values.join(', ')}` : undefined,
    declared.notes,
  ].filter(Boolean);
  return `${connector.id}: ${facts.join('; ') || 'supported'}`;
}

function operationNote(connector: AnyUserDirectoryConnectorV1, capability: OperationCapability | undefined) {
  if (!capability) return `${connector.id}: not supported (405).`;
  const facts = [
    capability.notes,
    capability.requestCount ? `Provider requests: ${capability.requestCount}` : undefined,
  ];
  return `${connector.id}: ${facts.filter(Boolean).join(' ') || 'supported.'}`;
}

/**
 * What each loaded connector does with each unified operation and query parameter, from the manifests,
 * appended to the descriptions: the reference says per integration what a delete option does, whether it
 * is required and which values it accepts. A parameter a connector does not declare is refused by it.
 */
export function addManifestNotes(
  paths: Record<string, Record<string, unknown>>,
  connectors: readonly AnyUserDirectoryConnectorV1[],
): void {
  if (connectors.length === 0) return;
  for (const resource of executableResources) {
    for (const operation of Object.keys(operationSchemas[resource]) as OperationName[]) {
      const documented = paths[pathOf(resource, operation)]?.[httpMethodOf[operation]] as
        | DocumentedOperation
        | undefined;
      if (!documented) continue;
      const capabilities = connectors.map((connector) => ({
        connector,
        capability: connector.manifest[resource]?.[operation],
      }));
      documented.description = [
        documented.description,
        'Per integration:',
        ...capabilities.map(({ connector, capability }) => `- ${operationNote(connector, capability)}`),
      ]
        .filter(Boolean)
        .join('\n');
      for (const parameter of documented.parameters ?? []) {
        if (parameter.in !== 'query') continue;
        const name = parameter.name === 'next_cursor' ? 'cursor' : parameter.name;
        const notes = capabilities.flatMap(({ connector, capability }) => {
          const note = capability && parameterNote(connector, capability, name);
          return note ? [note] : [];
        });
        if (notes.length > 0)
          parameter.description =
            `${parameter.description ?? ''} Per integration: ${notes.join(' · ')}`.trim();
      }
    }
  }
}

import type { CapabilityManifest, OperationName, UnifiedResourceName } from './capability-manifest.js';

export interface CoverageNote {
  integration: string;
  note: string;
}

/** "N supported / M required / notes" for one parameter or field, as Truto's docs pages show it. */
export interface CoverageCount {
  supported: number;
  required: number;
  integrations: string[];
  notes: CoverageNote[];
  /** Integrations that accept only some values of the parameter (e.g. only `false`): not full support. */
  restricted: Array<{ integration: string; values: readonly string[] }>;
}

export interface OperationCoverage {
  /** How many of the connectors implement the operation at all. */
  supported: number;
  parameters: Record<string, CoverageCount>;
  fields: Record<string, CoverageCount>;
}

export type ManifestCoverage = Partial<
  Record<UnifiedResourceName, Partial<Record<OperationName, OperationCoverage>>>
>;

export interface ConnectorManifestEntry {
  id: string;
  manifest: CapabilityManifest;
}

function countInto(
  counts: Record<string, CoverageCount>,
  name: string,
  integration: string,
  entry: { required?: boolean; notes?: string; values?: readonly string[] },
): void {
  const count = (counts[name] ??= { supported: 0, required: 0, integrations: [], notes: [], restricted: [] });
  count.supported += 1;
  count.integrations.push(integration);
  if (entry.required) count.required += 1;
  if (entry.notes) count.notes.push({ integration, note: entry.notes });
  if (entry.values) count.restricted.push({ integration, values: entry.values });
}

/** Computes, for a set of connectors, each operation's parameter and field coverage from their manifests. */
export function computeManifestCoverage(connectors: readonly ConnectorManifestEntry[]): ManifestCoverage {
  const coverage: ManifestCoverage = {};
  for (const { id, manifest } of connectors) {
    for (const [resource, operations] of Object.entries(manifest) as Array<
      [UnifiedResourceName, CapabilityManifest[UnifiedResourceName]]
    >) {
      for (const [operation, capability] of Object.entries(operations ?? {}) as Array<
        [OperationName, NonNullable<NonNullable<CapabilityManifest[UnifiedResourceName]>[OperationName]>]
      >) {
        const resourceCoverage = (coverage[resource] ??= {});
        const operationCoverage = (resourceCoverage[operation] ??= {
          supported: 0,
          parameters: {},
          fields: {},
        });
        operationCoverage.supported += 1;
        for (const [name, parameter] of Object.entries(capability.parameters)) {
          countInto(operationCoverage.parameters, name, id, parameter);
        }
        for (const [name, field] of Object.entries(capability.fields)) {
          countInto(operationCoverage.fields, name, id, field);
        }
      }
    }
  }
  return coverage;
}

import type { CapabilityManifest, OperationCapability } from '@unidir/core';

/** Per resource, per unified field: what the integration returns in it, stated once. */
export type FieldNotes = Record<string, Record<string, string>>;

/**
 * The field notes of a manifest, each field once per resource rather than once per operation. When the
 * operations of a resource disagree on a field, each distinct note is kept once, followed by the
 * operations that state it: `primaryEmail (list, get) | primaryEmail, as it was (delete)`.
 */
export function collectFieldNotes(manifest: CapabilityManifest): FieldNotes {
  const result: FieldNotes = {};
  for (const [resource, operations] of Object.entries(manifest)) {
    const operationsByNote = new Map<string, Map<string, string[]>>();
    for (const [operation, capability] of Object.entries(operations ?? {}) as Array<
      [string, OperationCapability]
    >) {
      for (const [field, { notes }] of Object.entries(capability.fields)) {
        if (!notes) continue;
        const byNote = operationsByNote.get(field) ?? new Map<string, string[]>();
        byNote.set(notes, [...(byNote.get(notes) ?? []), operation]);
        operationsByNote.set(field, byNote);
      }
    }
    if (operationsByNote.size === 0) continue;
    result[resource] = Object.fromEntries(
      [...operationsByNote].map(([field, byNote]) => [field, describeNotes(byNote)]),
    );
  }
  return result;
}

function describeNotes(operationsByNote: Map<string, string[]>): string {
  const entries = [...operationsByNote];
  if (entries.length === 1) return entries[0]![0];
  return entries.map(([note, operations]) => `${note} (${operations.join(', ')})`).join(' | ');
}

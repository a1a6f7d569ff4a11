import { type OperationCapability, supportedParameterNames } from '@unidir/core';

/**
 * Why the runtime would refuse these delete parameters from the manifest alone (an undeclared name, or a
 * value outside `values`), before the connector is called; undefined when the connector must judge them.
 */
export function manifestRefusal(
  capability: OperationCapability | undefined,
  parameters: Record<string, unknown>,
): string | undefined {
  if (!capability) return 'the manifest declares no users.delete';
  const supported = supportedParameterNames('delete', capability);
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    if (!supported.includes(name)) return `"${name}" is not declared`;
    const values = capability.parameters[name]?.values;
    if (values && !values.includes(String(value)))
      return `${name}=${String(value)} is not among ${values.join(', ')}`;
  }
  return undefined;
}

/** The top-level unified field names an operation declares (`emails.email` counts as `emails`). */
export function declaredTopLevelFields(capability: OperationCapability | undefined): string[] {
  return [...new Set(Object.keys(capability?.fields ?? {}).map((field) => field.split('.')[0]!))];
}

/** Present means defined, and not an empty array. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** Declared fields that none of the records carries. */
export function fieldsNeverReturned(
  declared: readonly string[],
  records: ReadonlyArray<Record<string, unknown>>,
): string[] {
  return declared.filter((field) => !records.some((record) => isPresent(record[field])));
}

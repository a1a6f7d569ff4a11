import type { ScimPatchOperationCasing } from '../scim-presets.js';
import type { ScimPatchOperation } from '../scim-resources.js';
import { ScimFakeError } from './scim-fake-errors.js';
import { parseEqualityFilter } from './scim-fake-filter.js';

type Resource = Record<string, unknown>;
export type PatchOperationName = 'add' | 'remove' | 'replace';

const operationNames: Record<ScimPatchOperationCasing, Record<string, PatchOperationName>> = {
  lower: { add: 'add', remove: 'remove', replace: 'replace' },
  capitalized: { Add: 'add', Remove: 'remove', Replace: 'replace' },
};

/** The operations of a PatchOp body, refusing names in the other casing when the app insists on one. */
export function readPatchOperations(
  body: unknown,
  casing: ScimPatchOperationCasing,
): Array<ScimPatchOperation & { op: PatchOperationName }> {
  const operations = (body as { Operations?: unknown } | undefined)?.Operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimFakeError(400, 'A PatchOp needs Operations.', 'invalidSyntax');
  }
  return operations.map((operation: ScimPatchOperation) => {
    const op = operationNames[casing][operation.op];
    if (!op) throw new ScimFakeError(400, `Unsupported patch operation "${operation.op}".`, 'invalidSyntax');
    return { ...operation, op };
  });
}

/** `members[value eq "x"]` -> the attribute and the filter on its values. */
export function parseValuePath(path: string): { attribute: string; filter?: string } {
  const match = /^([\w.:$-]+?)(?:\[(.+)\])?$/.exec(path.trim());
  if (!match) throw new ScimFakeError(400, `Invalid path: ${path}`, 'invalidPath');
  return { attribute: match[1] as string, ...(match[2] ? { filter: match[2] } : {}) };
}

/** `name.givenName` -> ['name','givenName']; an extension URN keeps its colons: `urn:...:User:department`. */
function pathSegments(attribute: string): string[] {
  if (attribute.startsWith('urn:')) {
    const last = attribute.lastIndexOf(':');
    return [attribute.slice(0, last), attribute.slice(last + 1)];
  }
  return attribute.split('.');
}

function keyOf(target: Resource, name: string): string {
  return Object.keys(target).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

function setAt(resource: Resource, attribute: string, value: unknown, op: 'add' | 'replace'): void {
  const segments = pathSegments(attribute);
  let target = resource;
  for (const segment of segments.slice(0, -1)) {
    const key = keyOf(target, segment);
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Resource;
  }
  const key = keyOf(target, segments.at(-1) as string);
  if (op === 'add' && Array.isArray(target[key]) && Array.isArray(value)) {
    target[key] = [...(target[key] as unknown[]), ...value];
  } else {
    target[key] = value;
  }
}

function removeAt(resource: Resource, path: string): void {
  const { attribute, filter } = parseValuePath(path);
  const segments = pathSegments(attribute);
  let target = resource;
  for (const segment of segments.slice(0, -1)) target = (target[keyOf(target, segment)] ?? {}) as Resource;
  const key = keyOf(target, segments.at(-1) as string);
  if (!filter) {
    delete target[key];
    return;
  }
  const values = Array.isArray(target[key]) ? (target[key] as Resource[]) : [];
  const [clause] = parseEqualityFilter(filter);
  const kept = values.filter((value) => value[keyOf(value, clause?.attribute ?? 'value')] !== clause?.value);
  if (kept.length === values.length) throw new ScimFakeError(400, `No value matches ${path}.`, 'noTarget');
  target[key] = kept;
}

/** Applies PATCH operations to a copy of a resource (RFC 7644 §3.5.2, the subset apps serve). */
export function applyPatch(
  resource: Resource,
  operations: ReadonlyArray<ScimPatchOperation & { op: PatchOperationName }>,
): Resource {
  const patched = structuredClone(resource);
  for (const operation of operations) {
    if (operation.op === 'remove') {
      if (!operation.path) throw new ScimFakeError(400, 'remove needs a path.', 'noTarget');
      removeAt(patched, operation.path);
    } else if (operation.path) {
      setAt(patched, operation.path, operation.value, operation.op);
    } else if (typeof operation.value === 'object' && operation.value !== null) {
      for (const [attribute, value] of Object.entries(operation.value))
        setAt(patched, attribute, value, operation.op);
    } else {
      throw new ScimFakeError(400, `${operation.op} without a path needs an object value.`, 'invalidValue');
    }
  }
  return patched;
}

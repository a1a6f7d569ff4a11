import { ValidationError } from '@unidir/core';
import { isForbiddenKey } from './forbidden-keys.js';

/** A field path split on dots: `emails.email` is `['emails', 'email']`. */
export type FieldPath = readonly string[];

const maxPaths = 100;
const maxPathLength = 256;

export function parseFieldPaths(entries: readonly string[]): FieldPath[] {
  const names = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (names.length > maxPaths) {
    throw new ValidationError({
      message: `truto_exclude_fields lists ${names.length} fields; at most ${maxPaths} are accepted.`,
      details: { parameter: 'truto_exclude_fields' },
    });
  }
  return names.map((name) => {
    const path = name.split('.');
    if (name.length > maxPathLength || path.some((segment) => segment === '' || isForbiddenKey(segment))) {
      throw new ValidationError({
        message: `truto_exclude_fields has an invalid field path "${name.slice(0, maxPathLength)}".`,
        details: { parameter: 'truto_exclude_fields' },
      });
    }
    return path;
  });
}

/** `true`: remove the field here; a tree: remove fields below it. */
interface ExclusionTree {
  [field: string]: ExclusionTree | true;
}

/**
 * Builds a function that returns a copy of a record without the given paths. A path goes through
 * arrays: `emails.type` removes `type` from every email. The input is never modified.
 */
export function createFieldExcluder(paths: readonly FieldPath[]): <Value>(value: Value) => Value {
  if (paths.length === 0) return (value) => value;
  const tree: ExclusionTree = Object.create(null);
  for (const path of paths) {
    let node = tree;
    for (const [index, segment] of path.entries()) {
      if (index === path.length - 1) {
        node[segment] = true;
        break;
      }
      const child = node[segment];
      // A shorter path already removes the whole field.
      if (child === true) break;
      node = child ?? (node[segment] = Object.create(null) as ExclusionTree);
    }
  }
  return (value) => exclude(value, tree) as typeof value;
}

function exclude(value: unknown, tree: ExclusionTree): unknown {
  if (Array.isArray(value)) return value.map((element) => exclude(element, tree));
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines keys, so a provider field named `__proto__` stays a plain field.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([field]) => tree[field] !== true)
      .map(([field, fieldValue]) => {
        const rule = tree[field];
        return [field, rule === undefined || rule === true ? fieldValue : exclude(fieldValue, rule)];
      }),
  );
}

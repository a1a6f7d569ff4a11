import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldExcluder, type FieldPath, parseFieldPaths } from './exclude-fields.js';

const user = {
  id: 'u1',
  name: 'Ada',
  emails: [
    { email: 'ada@example.test', type: 'work', is_primary: true },
    { email: 'ada@home.test', type: 'personal' },
  ],
  remote_data: { mail: 'ada@example.test', manager: { id: 'm1', name: 'Boss' } },
};

function exclude(value: unknown, ...names: string[]) {
  return createFieldExcluder(parseFieldPaths(names))(value);
}

/** Every path to a value, with array elements contributing their fields under the array's path. */
function fieldPaths(value: unknown, prefix: readonly string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((element) => fieldPaths(element, prefix));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([field, child]) => {
    const path = [...prefix, field];
    return [path.join('.'), ...fieldPaths(child, path)];
  });
}

function startsWith(path: readonly string[], prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

describe('truto_exclude_fields', () => {
  it('removes top-level fields', () => {
    expect(exclude(user, 'id', 'remote_data')).toEqual({ name: 'Ada', emails: user.emails });
  });

  it('removes dotted paths, through arrays', () => {
    expect(exclude(user, 'emails.type', 'remote_data.manager.name')).toEqual({
      ...user,
      emails: [{ email: 'ada@example.test', is_primary: true }, { email: 'ada@home.test' }],
      remote_data: { mail: 'ada@example.test', manager: { id: 'm1' } },
    });
  });

  it('lets a field win over paths below it, whatever the order', () => {
    expect(exclude(user, 'emails.type', 'emails')).toEqual(exclude(user, 'emails'));
    expect(exclude(user, 'emails', 'emails.type')).not.toHaveProperty('emails');
  });

  it('ignores paths that do not exist and leaves the input untouched', () => {
    const before = structuredClone(user);
    expect(exclude(user, 'missing', 'name.first', 'emails.nothing.here')).toEqual(user);
    exclude(user, 'emails.type', 'name');
    expect(user).toEqual(before);
  });

  it('refuses empty segments, prototype keys and too many paths', () => {
    expect(() => parseFieldPaths(['emails..type'])).toThrow(/invalid field path/);
    expect(() => parseFieldPaths(['remote_data.__proto__'])).toThrow(/invalid field path/);
    expect(() => parseFieldPaths(Array.from({ length: 101 }, (_, index) => `f${index}`))).toThrow(
      /at most 100/,
    );
  });

  it('keeps a provider field named __proto__ as a plain field', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}');
    const result = exclude(raw, 'id') as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect((result as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('removes exactly the excluded paths and everything below them (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'id', 'name');
    const { json } = fc.letrec<{ json: unknown }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('json'), { maxLength: 3 }),
        fc.dictionary(key, tie('json'), { maxKeys: 4 }),
      ),
    }));
    const record = fc.dictionary(key, json, { maxKeys: 5 });
    const paths = fc.array(fc.array(key, { minLength: 1, maxLength: 3 }), { maxLength: 4 });
    fc.assert(
      fc.property(record, paths, (value, excluded) => {
        const before = structuredClone(value);
        const result = createFieldExcluder(excluded)(value);
        const expected = fieldPaths(value).filter(
          (path) => !excluded.some((prefix) => startsWith(path.split('.'), prefix)),
        );
        expect(new Set(fieldPaths(result))).toEqual(new Set(expected));
        expect(value).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});

import oktaSchemas from './__fixtures__/okta-schemas.json' with { type: 'json' };

/** The OpenAPI 3.0 subset Okta's management spec uses for the schemas the fake answers with. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  type?: 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number';
  nullable?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  'x-okta-extensible'?: boolean;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minLength?: number;
}

const schemas = oktaSchemas.schemas as unknown as Record<string, Schema>;
const refPrefix = '#/components/schemas/';
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The spec version the fixture was extracted from (scripts/extract-okta-schemas.py). */
export const oktaSpecVersion: string = oktaSchemas.version;

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = schemas[schema.$ref.slice(refPrefix.length)];
  if (!target) throw new Error(`The schema fixture has no ${schema.$ref}`);
  return resolve(target);
}

/** Every property an object schema declares, through allOf and $ref. */
function declaredProperties(schema: Schema): Record<string, Schema> {
  const resolved = resolve(schema);
  const properties: Record<string, Schema> = { ...resolved.properties };
  for (const part of resolved.allOf ?? []) Object.assign(properties, declaredProperties(part));
  return properties;
}

function isOpen(schema: Schema): boolean {
  const resolved = resolve(schema);
  return (
    resolved.additionalProperties === true ||
    typeof resolved.additionalProperties === 'object' ||
    resolved['x-okta-extensible'] === true ||
    (resolved.allOf ?? []).some(isOpen)
  );
}

function requiredProperties(schema: Schema): string[] {
  const resolved = resolve(schema);
  return [...(resolved.required ?? []), ...(resolved.allOf ?? []).flatMap(requiredProperties)];
}

function validateAt(value: unknown, schema: Schema, path: string, problems: string[]): void {
  const resolved = resolve(schema);
  if (value === null) {
    if (!resolved.nullable) problems.push(`${path}: null is not allowed`);
    return;
  }
  for (const alternatives of [resolved.anyOf, resolved.oneOf]) {
    if (!alternatives) continue;
    const matches = alternatives.filter((alternative) => {
      const attempt: string[] = [];
      validateAt(value, alternative, path, attempt);
      return attempt.length === 0;
    });
    if (matches.length === 0) problems.push(`${path}: matches none of the alternatives`);
    return;
  }
  const describesObject = (part: Schema) =>
    resolve(part).type === 'object' || resolve(part).properties !== undefined;
  if (resolved.allOf && !resolved.type && !resolved.properties && !resolved.allOf.some(describesObject)) {
    // allOf of a scalar (a $ref to an enum plus a description) constrains the value by each part.
    for (const part of resolved.allOf) validateAt(value, part, path, problems);
    return;
  }
  if (resolved.enum && !resolved.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not in the enum`);
  const type = resolved.type ?? (resolved.properties || resolved.allOf ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${path}: expected a string`);
      else {
        if (resolved.format === 'date-time' && !dateTimePattern.test(value))
          problems.push(`${path}: not a date-time`);
        if (resolved.maxLength !== undefined && value.length > resolved.maxLength)
          problems.push(`${path}: longer than ${resolved.maxLength}`);
        if (resolved.minLength !== undefined && value.length < resolved.minLength)
          problems.push(`${path}: shorter than ${resolved.minLength}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: expected a boolean`);
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (type === 'integer' && !Number.isInteger(value)))
        problems.push(`${path}: expected ${type}`);
      return;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${path}: expected an array`);
      else if (resolved.items) {
        for (const [index, item] of value.entries())
          validateAt(item, resolved.items, `${path}[${index}]`, problems);
      }
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${path}: expected an object`);
        return;
      }
      const record = value as Record<string, unknown>;
      const properties = declaredProperties(resolved);
      for (const name of requiredProperties(resolved)) {
        if (!(name in record)) problems.push(`${path}.${name}: required`);
      }
      const open = isOpen(resolved);
      for (const [name, propertyValue] of Object.entries(record)) {
        const property = properties[name];
        if (property) validateAt(propertyValue, property, `${path}.${name}`, problems);
        else if (!open) problems.push(`${path}.${name}: not declared by the spec`);
      }
      return;
    }
    default:
      return;
  }
}

/** Problems of `value` against the spec's schema `name` (User, Group, Error, ...); [] when it conforms. */
export function validateOktaSchema(value: unknown, name: string): string[] {
  if (!schemas[name]) throw new Error(`The schema fixture has no ${name}`);
  const problems: string[] = [];
  validateAt(value, { $ref: `${refPrefix}${name}` }, name, problems);
  return problems;
}

import graphSchemas from './__fixtures__/graph-schemas.json' with { type: 'json' };

/** The OpenAPI-3.0 subset the Graph spec subset uses. */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  type?: 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number';
  nullable?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
}

const schemas = graphSchemas.schemas as unknown as Record<string, Schema>;
const refPrefix = '#/components/schemas/';
const directoryObjectReference = `${refPrefix}microsoft.graph.directoryObject`;
/**
 * The offset is optional: Graph writes `innerError.date` as `2021-05-18T19:03:10` (every error example in the
 * Graph docs), which the subset's synthesized ODataError schema calls date-time.
 */
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = schemas[schema.$ref.slice(refPrefix.length)];
  if (!target) throw new Error(`The schema fixture has no ${schema.$ref}`);
  return target;
}

/** Every property an object schema declares, through allOf and $ref. */
function declaredProperties(schema: Schema): Record<string, Schema> {
  const resolved = resolve(schema);
  const properties: Record<string, Schema> = { ...resolved.properties };
  for (const part of resolved.allOf ?? []) Object.assign(properties, declaredProperties(part));
  return properties;
}

function requiredProperties(schema: Schema): string[] {
  const resolved = resolve(schema);
  return [...(resolved.required ?? []), ...(resolved.allOf ?? []).flatMap(requiredProperties)];
}

/** A directoryObject that says it is a user, group or role is checked as that type. */
function castTarget(value: Record<string, unknown>, schema: Schema): Schema {
  const type = value['@odata.type'];
  if (typeof type === 'string' && schema.$ref === directoryObjectReference) {
    const cast = type.replace(/^#/, '');
    if (schemas[cast]) return { $ref: `${refPrefix}${cast}` };
  }
  return schema;
}

function validateAt(value: unknown, schema: Schema, path: string, problems: string[]): void {
  const resolved = resolve(schema);
  if (value === null) {
    if (!resolved.nullable && !resolved.anyOf?.some((option) => resolve(option).nullable)) {
      problems.push(`${path}: null is not allowed`);
    }
    return;
  }
  if (resolved.anyOf) {
    const options = resolved.anyOf.map((option) => {
      const optionProblems: string[] = [];
      validateAt(value, option, path, optionProblems);
      return optionProblems;
    });
    if (!options.some((optionProblems) => optionProblems.length === 0)) problems.push(...(options[0] ?? []));
    return;
  }
  const isObject =
    resolved.type === 'object' || resolved.allOf !== undefined || resolved.properties !== undefined;
  if (isObject) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    const record = value as Record<string, unknown>;
    const target = castTarget(record, schema);
    const properties = declaredProperties(target);
    for (const name of requiredProperties(target)) {
      if (!(name in record)) problems.push(`${path}.${name}: required`);
    }
    for (const [name, item] of Object.entries(record)) {
      // OData annotations (@odata.type, @odata.context...) are part of every payload, not of the schema.
      if (name.startsWith('@odata.') && !properties[name]) continue;
      const property = properties[name];
      // A directoryObject of a type outside the subset (an administrativeUnit) is open, as the schema says.
      if (!property && target.$ref === directoryObjectReference) continue;
      if (!property) {
        problems.push(`${path}.${name}: not a property of ${target.$ref ?? 'this object'}`);
        continue;
      }
      validateAt(item, property, `${path}.${name}`, problems);
    }
    return;
  }
  switch (resolved.type) {
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected an array`);
        return;
      }
      for (const [index, item] of value.entries())
        validateAt(item, resolved.items ?? {}, `${path}[${index}]`, problems);
      return;
    case 'string':
      if (typeof value !== 'string') problems.push(`${path}: expected a string`);
      else if (resolved.format === 'date-time' && !dateTimePattern.test(value))
        problems.push(`${path}: not a date-time`);
      else if (resolved.pattern && !new RegExp(resolved.pattern).test(value))
        problems.push(`${path}: does not match ${resolved.pattern}`);
      else if (resolved.enum && !resolved.enum.includes(value))
        problems.push(`${path}: not one of ${resolved.enum.join(', ')}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: expected a boolean`);
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (resolved.type === 'integer' && !Number.isInteger(value))) {
        problems.push(`${path}: expected ${resolved.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      return;
    default:
      return;
  }
}

/**
 * Checks a payload against a schema of the Graph spec subset: types, nullability, date-times, uuids, enums,
 * required properties, and no property the schema does not declare. Returns the problems (empty when valid).
 */
export function validateGraphPayload(value: unknown, schemaName: string): string[] {
  if (!schemas[schemaName]) throw new Error(`The schema fixture has no ${schemaName}`);
  const problems: string[] = [];
  validateAt(value, { $ref: `${refPrefix}${schemaName}` }, '$', problems);
  return problems;
}

import type { GoogleGroup, GoogleMember, GoogleUser } from '../google-workspace-types.js';
import directoryDiscovery from './__fixtures__/directory-v1-schemas.json' with { type: 'json' };
import licensingDiscovery from './__fixtures__/licensing-v1-schemas.json' with { type: 'json' };
import reportsDiscovery from './__fixtures__/reports-v1-schemas.json' with { type: 'json' };

/** A JSON schema as Google's discovery documents write them. */
interface DiscoverySchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  items?: DiscoverySchema;
}

/** The union of the shapes the Directory API answers with, loose enough for assertions. */
export interface DirectoryResponseBody extends Record<string, unknown> {
  id?: string;
  users?: Array<GoogleUser>;
  groups?: Array<GoogleGroup>;
  members?: Array<GoogleMember>;
  items?: Array<Record<string, unknown>>;
  nextPageToken?: string;
  error?: {
    code: number;
    message: string;
    status?: string;
    errors: Array<{ reason: string; message: string }>;
  };
}

type Schemas = Record<string, DiscoverySchema>;

/** The schemas of each API the fake serves, from its discovery document (see each fixture's `source`). */
const documents = {
  directory: directoryDiscovery.schemas as unknown as Schemas,
  reports: reportsDiscovery.schemas as unknown as Schemas,
  licensing: licensingDiscovery.schemas as unknown as Schemas,
};
export type DiscoveryDocumentName = keyof typeof documents;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validateString(schema: DiscoverySchema, value: string, path: string, errors: string[]): void {
  if (schema.format === 'int64' && !/^-?\d+$/.test(value))
    errors.push(`${path}: "${value}" is not an int64 string`);
  if (schema.format === 'date-time' && (!isoDateTime.test(value) || Number.isNaN(Date.parse(value)))) {
    errors.push(`${path}: "${value}" is not an RFC 3339 date-time`);
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: "${value}" is not one of ${schema.enum.join(', ')}`);
}

function validateNode(
  schemas: Schemas,
  schema: DiscoverySchema,
  value: unknown,
  path: string,
  errors: string[],
): void {
  if (schema.$ref !== undefined) {
    const target = schemas[schema.$ref];
    if (!target) throw new Error(`The fixture lacks schema ${schema.$ref}`);
    validateNode(schemas, target, value, path, errors);
    return;
  }
  switch (schema.type) {
    case 'any':
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push(`${path}: expected an object`);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        const property = schema.properties?.[key] ?? schema.additionalProperties;
        if (property) validateNode(schemas, property, item, `${path}.${key}`, errors);
        else errors.push(`${path}.${key}: not a property of the schema`);
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) {
        errors.push(`${path}: expected an array`);
        return;
      }
      for (const [index, item] of value.entries()) {
        validateNode(schemas, schema.items ?? { type: 'any' }, item, `${path}[${index}]`, errors);
      }
      return;
    case 'string':
      if (typeof value !== 'string') errors.push(`${path}: expected a string, got ${typeof value}`);
      else validateString(schema, value, path, errors);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean, got ${typeof value}`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) errors.push(`${path}: expected an integer`);
      return;
    case 'number':
      if (typeof value !== 'number') errors.push(`${path}: expected a number`);
      return;
    default:
      throw new Error(`Unhandled discovery type ${schema.type} at ${path}`);
  }
}

/**
 * Checks a value against a schema of a discovery document (the Directory API's unless `document` names
 * another): types, formats, enums, arrays and $refs, and no property the schema does not declare. Returns
 * the problems, empty when it conforms.
 */
export function validateAgainstDiscovery(
  schemaName: string,
  value: unknown,
  document: DiscoveryDocumentName = 'directory',
): string[] {
  const errors: string[] = [];
  validateNode(documents[document], { $ref: schemaName }, value, schemaName, errors);
  return errors;
}

import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

let document: OpenApiDocument | undefined;

/** GitHub's own OpenAPI description (api.github.com, references resolved), from `@octokit/openapi`. */
function openApiDocument(): OpenApiDocument {
  document ??= createRequire(import.meta.url)(
    '@octokit/openapi/generated/api.github.com.deref.json',
  ) as OpenApiDocument;
  return document;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

/**
 * The problems GitHub's published schema finds in a response the fake gave, for the operation at this path
 * template (`/orgs/{org}/members`); an empty list when it conforms. A status the description does not list
 * for the operation is a problem too.
 */
export function openApiProblems(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const key = `${method} ${pathTemplate} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const operation = openApiDocument().paths[pathTemplate]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${pathTemplate} is not in GitHub's description`];
    const response = operation.responses?.[String(status)];
    if (!response) return [`${method} ${pathTemplate} does not answer ${status} in GitHub's description`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${key} has no body in GitHub's description`];
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${key}: ${error.instancePath || '(root)'} ${error.message}`);
}

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { createOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { rewriteTrutoUrl } from '../../src/truto/truto-url.js';

type JsonObject = Record<string, unknown>;
const documentId = 'https://unidir.test/openapi.json';

/** `#/components/...` references made absolute, so one compiled document serves every response schema. */
function absoluteReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteReferences);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === '$ref' && typeof entry === 'string' && entry.startsWith('#')
        ? `${documentId}${entry}`
        : absoluteReferences(entry),
    ]),
  );
}

/** With `truto_key_by` a list's result is an object of the records (documented on the parameter). */
function keyedResultAsList(query: string, body: unknown): unknown {
  const keyed = new URLSearchParams(query).has('truto_key_by');
  const result = (body as { result?: unknown } | null)?.result;
  if (!keyed || typeof result !== 'object' || result === null || Array.isArray(result)) return body;
  return { ...(body as object), result: Object.values(result) };
}

interface Route {
  pattern: RegExp;
  parameterCount: number;
  item: JsonObject;
  template: string;
}

/**
 * Checks answers against the OpenAPI document the server publishes: the documented status for the route
 * and method, and a JSON body that validates against its schema. Answers a description of each mismatch.
 */
export function createResponseChecker(): (
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
) => string | undefined {
  const document = createOpenApiDocument('0.0.0-test') as {
    paths: Record<string, JsonObject>;
    components: JsonObject;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: documentId, components: absoluteReferences(document.components) });
  const routes: Route[] = Object.entries(document.paths)
    .map(([template, item]) => ({
      template,
      item,
      parameterCount: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
    .sort((left, right) => left.parameterCount - right.parameterCount);
  const compiled = new Map<string, ValidateFunction>();

  return (method, url, status, contentType, body) => {
    // Routed as the server routes it: Truto's singular names and stray slashes are documented aliases.
    const [path = '', query = ''] = rewriteTrutoUrl(url).split('?');
    const route = routes.find((candidate) => candidate.pattern.test(path));
    // An undocumented path answers 404 route_not_found, which is what it should do.
    if (!route) return status === 404 ? undefined : `${method} ${path}: no documented route`;
    const operation = route.item[method.toLowerCase()] as
      | { responses: Record<string, JsonObject> }
      | undefined;
    if (!operation) return `${method} ${route.template}: method not documented`;
    const response = operation.responses[String(status)];
    if (!response) return `${method} ${route.template}: status ${status} not documented`;
    const media = (response.content as Record<string, { schema: unknown }> | undefined)?.['application/json'];
    if (!media || !contentType.includes('application/json')) return undefined;
    const key = `${method} ${route.template} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(absoluteReferences(media.schema) as JsonObject);
      compiled.set(key, validate);
    }
    if (validate(keyedResultAsList(query, body))) return undefined;
    return `${key}: ${ajv.errorsText(validate.errors)}`;
  };
}

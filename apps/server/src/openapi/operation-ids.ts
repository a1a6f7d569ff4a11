/** The HTTP methods an OpenAPI path item may hold operations under. */
const httpMethods = ['get', 'post', 'patch', 'put', 'delete'] as const;

function pascalCase(segment: string): string {
  return segment
    .split(/[-_]/)
    .filter((word) => word !== '')
    .map((word) => `${word[0]?.toUpperCase()}${word.slice(1)}`)
    .join('');
}

/**
 * A stable operationId from the method and path: list/get/create/update/delete and the path's fixed
 * segments (`GET /unified/user-directory/users/{id}` is `getUsers`, `POST .../groups/add-user` is
 * `createGroupsAddUser`). The `/unified/user-directory` prefix is left out: every unified id would carry it.
 */
export function operationIdOf(method: string, path: string): string {
  const segments = path
    .replace(/^\/unified\/user-directory/, '')
    .split('/')
    .filter((segment) => segment !== '');
  const endsWithParameter = segments.at(-1)?.startsWith('{') === true;
  const words = segments.filter((segment) => !segment.startsWith('{')).map(pascalCase);
  const verb =
    method === 'get'
      ? endsWithParameter
        ? 'get'
        : 'list'
      : method === 'post'
        ? 'create'
        : method === 'patch'
          ? 'update'
          : method;
  return `${verb}${words.join('')}`;
}

/** Every operation that needs a token can answer 401; one that is public (`security: []`) cannot. */
export function addUnauthorizedResponses(
  paths: Record<string, Record<string, unknown>>,
  unauthorized: Record<string, unknown>,
): void {
  for (const item of Object.values(paths)) {
    for (const method of httpMethods) {
      const operation = item[method] as
        | { security?: unknown[]; responses?: Record<string, unknown> }
        | undefined;
      if (!operation?.responses || (Array.isArray(operation.security) && operation.security.length === 0))
        continue;
      operation.responses['401'] ??= unauthorized;
    }
  }
}

/** Sets an operationId on every operation that has none. */
export function addOperationIds(paths: Record<string, Record<string, unknown>>): void {
  for (const [path, item] of Object.entries(paths)) {
    for (const method of httpMethods) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (operation && operation.operationId === undefined) {
        operation.operationId = operationIdOf(method, path);
      }
    }
  }
}

import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@unidir/core';
import {
  createFakeDirectory,
  DuplicateError,
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type SeededDirectory,
  startFakeProviderServer,
} from '@unidir/testkit';
import type { ScimQuirks } from '../scim-presets.js';
import { type ScimGroup, type ScimUser, scimSchemas } from '../scim-resources.js';
import { ScimFakeError, scimError } from './scim-fake-errors.js';
import { type EqualityClause, matchesFilter, parseEqualityFilter } from './scim-fake-filter.js';
import { applyPatch, parseValuePath, readPatchOperations } from './scim-fake-patch.js';
import { ScimFakeStore, type ScimUserExtras } from './scim-fake-store.js';

export interface ScimFakeOptions extends FakeDirectoryOptions {
  /** The app's quirks, switched on: PATCH casing, refused filters, page cap, what DELETE does, group limits. */
  quirks?: ScimQuirks;
  /** What /ServiceProviderConfig advertises for PATCH (default true); false makes the connector PUT. */
  patchSupported?: boolean;
  /** What /ServiceProviderConfig advertises for filtering (default true). */
  filterSupported?: boolean;
  /** filter.maxResults in /ServiceProviderConfig; default the quirks' page cap, else 1000. */
  maxResults?: number;
  /** Answer 404 to /ServiceProviderConfig, as some apps do. */
  withoutServiceProviderConfig?: boolean;
  /** How clients sign in: a static bearer token (default), HTTP basic, or OAuth client credentials (its token endpoint is on the same server). */
  auth?: 'bearer' | 'basic' | 'oauth_client_credentials';
  /** The bearer token (or, for basic and client credentials, the password or client secret) the fake accepts; default random. */
  token?: string;
  /** Keep only the latest N journal entries (sandbox accounts). */
  journalLimit?: number;
}

export interface ScimFake {
  server: FakeProviderServer;
  directory: SeededDirectory<ScimUserExtras>;
  store: ScimFakeStore;
  /** `{ token }`, `{ username, password }` or `{ client_id, client_secret }`, as `auth` says. */
  credentials: Record<string, string>;
  /** `base_url` = the fake's URL + `/scim/v2`; with client credentials also `token_url`. */
  settings: { base_url: string; token_url?: string };
  close(): Promise<void>;
}

const basePath = '/scim/v2';
const scimJson = { 'content-type': 'application/scim+json' };

function ok(body: unknown, status = 200): FakeResponse {
  return { status, headers: scimJson, body };
}

function listResponse<Resource>(resources: Resource[], startIndex: number, total: number): FakeResponse {
  return ok({
    schemas: [scimSchemas.listResponse],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  });
}

function positiveInteger(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new ScimFakeError(400, `Invalid paging value ${value}.`, 'invalidValue');
  return parsed;
}

function withoutMembers(group: ScimGroup, request: FakeRequest): ScimGroup {
  const excluded = (request.query.get('excludedAttributes') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  if (!excluded.includes('members')) return group;
  const { members: _members, ...rest } = group;
  return rest as ScimGroup;
}

/**
 * A SCIM 2.0 service provider (RFC 7643/7644) on testkit's loopback server, over a SeededDirectory: users
 * with the core and enterprise schemas, groups, equality filters, startIndex/count paging, PATCH, PUT and
 * DELETE, SCIM error bodies, and a bearer token. Each preset's quirks can be switched on.
 */
export async function startScimFake(options: ScimFakeOptions = {}): Promise<ScimFake> {
  const quirks = options.quirks ?? {};
  const now = options.now ?? Date.now;
  const directory = createFakeDirectory<ScimUserExtras>({ ...options, now });
  const token = options.token ?? `scim-token-${randomBytes(18).toString('base64url')}`;
  const auth = options.auth ?? 'bearer';
  const issuedTokens = new Set<string>();
  const clientId = 'scim-client';
  const basicAuthorization = `Basic ${Buffer.from(`scim-admin:${token}`).toString('base64')}`;
  const casing = quirks.patchOperationCasing ?? 'lower';
  const patchSupported = options.patchSupported ?? true;
  const filterSupported = options.filterSupported ?? true;
  const maxResults = options.maxResults ?? quirks.pageSizeCap ?? 1000;
  let store: ScimFakeStore;

  function clausesOf(request: FakeRequest): EqualityClause[] {
    const filter = request.query.get('filter');
    if (filter === null) return [];
    if (!filterSupported) throw new ScimFakeError(400, 'Filtering is not supported.', 'invalidFilter');
    const clauses = parseEqualityFilter(filter);
    for (const clause of clauses) {
      if (
        (quirks.unsupportedFilters ?? []).some((attribute) => attribute.toLowerCase() === clause.attribute)
      ) {
        throw new ScimFakeError(400, `Filtering on ${clause.attribute} is not supported.`, 'invalidFilter');
      }
    }
    return clauses;
  }

  function page<Resource extends Record<string, unknown>>(
    request: FakeRequest,
    all: Iterable<Resource>,
  ): FakeResponse {
    const clauses = clausesOf(request);
    const startIndex = Math.max(1, positiveInteger(request.query.get('startIndex'), 1));
    const count = Math.min(positiveInteger(request.query.get('count'), 100), maxResults);
    const matching: Resource[] = [];
    for (const resource of all) if (matchesFilter(resource, clauses)) matching.push(resource);
    return listResponse(matching.slice(startIndex - 1, startIndex - 1 + count), startIndex, matching.length);
  }

  function requireUser(id: string): ScimUser {
    const user = store.userById(id);
    if (!user) throw new ScimFakeError(404, `Resource ${id} not found`);
    return user;
  }

  function requireGroup(id: string): ScimGroup {
    const group = store.groupById(id);
    if (!group) throw new ScimFakeError(404, `Resource ${id} not found`);
    return group;
  }

  function requirePatch(): void {
    if (!patchSupported) throw new ScimFakeError(501, 'PATCH is not supported.');
  }

  const userRoutes: FakeRoute[] = [
    {
      name: 'users.list',
      method: 'GET',
      pattern: `${basePath}/Users`,
      handle: (request) => page(request, store.users()),
    },
    {
      name: 'users.get',
      method: 'GET',
      pattern: `${basePath}/Users/:id`,
      handle: ({ params }) => ok(requireUser(params.id as string)),
    },
    {
      name: 'users.create',
      method: 'POST',
      pattern: `${basePath}/Users`,
      handle: ({ body }) => {
        const resource = body as Partial<ScimUser> | undefined;
        if (!resource?.userName) throw new ScimFakeError(400, 'userName is required.', 'invalidValue');
        return ok(store.createUser(resource), 201);
      },
    },
    {
      name: 'users.replace',
      method: 'PUT',
      pattern: `${basePath}/Users/:id`,
      handle: ({ params, body }) => {
        const id = params.id as string;
        requireUser(id);
        const resource = body as Partial<ScimUser> | undefined;
        if (!resource?.userName) throw new ScimFakeError(400, 'userName is required.', 'invalidValue');
        return ok(store.replaceUser(id, resource));
      },
    },
    {
      name: 'users.patch',
      method: 'PATCH',
      pattern: `${basePath}/Users/:id`,
      handle: ({ params, body }) => {
        requirePatch();
        const id = params.id as string;
        const operations = readPatchOperations(body, casing);
        const patched = applyPatch(requireUser(id), operations) as Partial<ScimUser>;
        return ok(store.replaceUser(id, patched));
      },
    },
    {
      name: 'users.delete',
      method: 'DELETE',
      pattern: `${basePath}/Users/:id`,
      handle: ({ params }) => {
        const id = params.id as string;
        if (quirks.userDeleteMeaning === 'unsupported')
          throw new ScimFakeError(405, 'Users cannot be deleted over SCIM.');
        const user = requireUser(id);
        if (quirks.userDeleteMeaning === 'deactivates') store.replaceUser(id, { ...user, active: false });
        else store.deleteUser(id);
        return { status: 204 };
      },
    },
  ];

  const groupRoutes: FakeRoute[] = [
    {
      name: 'groups.list',
      method: 'GET',
      pattern: `${basePath}/Groups`,
      handle: (request) => {
        const answer = page(request, store.groups());
        const body = answer.body as { Resources: ScimGroup[] };
        body.Resources = body.Resources.map((group) => withoutMembers(group, request));
        return answer;
      },
    },
    {
      name: 'groups.get',
      method: 'GET',
      pattern: `${basePath}/Groups/:id`,
      handle: (request) => ok(withoutMembers(requireGroup(request.params.id as string), request)),
    },
    {
      name: 'groups.create',
      method: 'POST',
      pattern: `${basePath}/Groups`,
      handle: ({ body }) => {
        if (quirks.groupsReadOnly) throw new ScimFakeError(501, 'Groups cannot be created over SCIM.');
        const resource = body as Partial<ScimGroup> | undefined;
        if (!resource?.displayName) throw new ScimFakeError(400, 'displayName is required.', 'invalidValue');
        const memberIds = (resource.members ?? []).map((member) => member.value ?? '');
        return ok(store.createGroup(resource.displayName, resource.externalId, memberIds), 201);
      },
    },
    {
      name: 'groups.patch',
      method: 'PATCH',
      pattern: `${basePath}/Groups/:id`,
      handle: ({ params, body }) => {
        requirePatch();
        const id = params.id as string;
        requireGroup(id);
        for (const operation of readPatchOperations(body, casing)) {
          const { attribute, filter } = parseValuePath(operation.path ?? '');
          if (attribute.toLowerCase() === 'displayname' && operation.op === 'replace') {
            store.renameGroup(id, String(operation.value));
          } else if (attribute.toLowerCase() === 'members' && operation.op === 'add') {
            for (const member of (operation.value as Array<{ value: string }>) ?? [])
              store.addMember(id, member.value);
          } else if (attribute.toLowerCase() === 'members' && operation.op === 'remove' && filter) {
            const [clause] = parseEqualityFilter(filter);
            if (clause?.attribute !== 'value')
              throw new ScimFakeError(400, `Unsupported member filter ${filter}.`, 'invalidFilter');
            if (store.removeMember(id, String(clause.value)) === 'not_member') {
              throw new ScimFakeError(400, `No member matches ${operation.path}.`, 'noTarget');
            }
          } else {
            throw new ScimFakeError(
              400,
              `Unsupported group operation ${operation.op} ${operation.path ?? ''}.`,
              'invalidPath',
            );
          }
        }
        return { status: 204 };
      },
    },
    {
      name: 'groups.delete',
      method: 'DELETE',
      pattern: `${basePath}/Groups/:id`,
      handle: ({ params }) => {
        if (quirks.groupsReadOnly) throw new ScimFakeError(501, 'Groups cannot be deleted over SCIM.');
        if (!store.deleteGroup(params.id as string))
          throw new ScimFakeError(404, `Resource ${params.id} not found`);
        return { status: 204 };
      },
    },
  ];

  const configRoute: FakeRoute = {
    name: 'service-provider-config',
    method: 'GET',
    pattern: `${basePath}/ServiceProviderConfig`,
    handle: () => {
      if (options.withoutServiceProviderConfig) throw new ScimFakeError(404, 'Endpoint not found');
      return ok({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: patchSupported },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: filterSupported, maxResults },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'Authentication scheme using the OAuth Bearer Token Standard',
            specUri: 'https://www.rfc-editor.org/info/rfc6750',
            primary: true,
          },
        ],
      });
    },
  };

  function authorized(authorization: string | undefined): boolean {
    if (auth === 'basic') return authorization === basicAuthorization;
    if (auth === 'oauth_client_credentials') {
      return (
        authorization?.startsWith('Bearer ') === true &&
        issuedTokens.has(authorization.slice('Bearer '.length))
      );
    }
    return authorization === `Bearer ${token}`;
  }

  /** OAuth 2.0 client credentials (RFC 6749 §4.4) with the secret in the form body. */
  const tokenRoute: FakeRoute = {
    name: 'token',
    method: 'POST',
    pattern: '/oauth/token',
    handle: ({ rawBody }) => {
      const form = new URLSearchParams(rawBody);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== clientId ||
        form.get('client_secret') !== token
      ) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'Unknown client.' } };
      }
      const issued = `issued-${randomBytes(12).toString('base64url')}`;
      issuedTokens.add(issued);
      return { status: 200, body: { access_token: issued, token_type: 'Bearer', expires_in: 3600 } };
    },
  };

  /** Every route answers 401 without valid credentials, and turns thrown errors into SCIM error bodies. */
  function guarded(route: FakeRoute): FakeRoute {
    return {
      ...route,
      handle: async (request) => {
        if (!authorized(request.headers.authorization))
          return scimError(401, 'Invalid or missing credentials.');
        try {
          return await route.handle(request);
        } catch (error) {
          if (error instanceof ScimFakeError) return error.toResponse();
          if (error instanceof DuplicateError) return scimError(409, error.message, 'uniqueness');
          if (error instanceof NotFoundError) return scimError(404, error.message);
          throw error;
        }
      },
    };
  }

  const routes = [configRoute, ...userRoutes, ...(quirks.noGroups ? [] : groupRoutes)];
  const server = await startFakeProviderServer({
    routes: [...(auth === 'oauth_client_credentials' ? [tokenRoute] : []), ...routes.map(guarded)],
    seed: options.seed,
    journalLimit: options.journalLimit,
    host: options.host,
    notFound: (request) => scimError(404, `No endpoint ${request.method} ${request.path}`),
  });
  store = new ScimFakeStore(directory, `${server.url}${basePath}`, now);
  const credentials: Record<string, string> =
    auth === 'basic'
      ? { username: 'scim-admin', password: token }
      : auth === 'oauth_client_credentials'
        ? { client_id: clientId, client_secret: token }
        : { token };
  return {
    server,
    directory,
    store,
    credentials,
    settings: {
      base_url: `${server.url}${basePath}`,
      ...(auth === 'oauth_client_credentials' ? { token_url: `${server.url}/oauth/token` } : {}),
    },
    close: () => server.close(),
  };
}

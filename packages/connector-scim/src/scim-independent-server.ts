import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createFakeDirectory,
  DuplicateError,
  type FakeProviderServer,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  startFakeProviderServer,
} from '@unidir/testkit';
import express from 'express';
import { SCIMMY, SCIMMYRouters } from 'scimmy-routers';
import { request } from 'undici';
import type { ScimGroup, ScimUser } from './scim-resources.js';
import { ScimFakeStore, type ScimUserExtras } from './testing/scim-fake-store.js';

/**
 * Test support, not shipped: a SCIM 2.0 server built from third-party code (scimmy + scimmy-routers on
 * express) over an in-memory store, behind a recording proxy. scimmy parses the filters, applies the PATCH
 * operations, validates resources against the RFC 7643 schemas and builds the list responses; the store only
 * keeps records. If the connector only worked against our own fake, it shows here.
 */
export interface IndependentScimServer {
  /** The recording proxy in front of scimmy: its journal and fault injection are testkit's. */
  server: FakeProviderServer;
  store: ScimFakeStore;
  credentials: { token: string };
  settings: { base_url: string };
  close(): Promise<void>;
}

const basePath = '/scim/v2';
let activeStore: ScimFakeStore | undefined;

/** scimmy's typings want a scimType string; RFC 7644 errors without one (404, 503) have none. */
function scimmyError(status: number, message: string, scimType?: string): Error {
  return new SCIMMY.Types.Error(status, scimType as string, message);
}

/** scimmy validates every record against its schemas at runtime; its typings want its own record types. */
function asScimmyRecord<Record>(record: unknown): Record {
  return record as Record;
}

function store(): ScimFakeStore {
  if (!activeStore) throw scimmyError(503, 'No store is running.');
  return activeStore;
}

function plain<Value>(value: unknown): Value {
  return JSON.parse(JSON.stringify(value)) as Value;
}

function notFound(id: string): never {
  throw scimmyError(404, `Resource ${id} not found`);
}

function translateDuplicates<Result>(write: () => Result): Result {
  try {
    return write();
  } catch (error) {
    if (error instanceof DuplicateError) throw scimmyError(409, error.message, 'uniqueness');
    throw error;
  }
}

/** The memberships a full group resource (after scimmy applied a PATCH or a PUT) asks for, made in the store. */
function reconcileMembers(id: string, wanted: ReadonlyArray<{ value?: string }> | undefined): void {
  const current = new Set((store().groupById(id)?.members ?? []).map((member) => member.value as string));
  const desired = new Set((wanted ?? []).map((member) => member.value as string));
  for (const userId of current) if (!desired.has(userId)) store().removeMember(id, userId);
  for (const userId of desired) if (!current.has(userId)) store().addMember(id, userId);
}

let declared = false;

/** scimmy's resources are process-wide: they are declared once and read whichever store is running. */
function declareResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false))
    .ingress((resource, instance) =>
      translateDuplicates(() => {
        const record = plain<Partial<ScimUser>>(instance);
        if (resource.id === undefined) return asScimmyRecord(store().createUser(record));
        if (!store().userById(resource.id)) notFound(resource.id);
        return asScimmyRecord(store().replaceUser(resource.id, record));
      }),
    )
    .egress((resource) => {
      if (resource.id !== undefined)
        return asScimmyRecord<never>(store().userById(resource.id) ?? notFound(resource.id));
      const users = [...store().users()];
      return asScimmyRecord<never>(resource.filter ? resource.filter.match(users) : users);
    })
    .degress((resource) => {
      if (!resource.id || !store().deleteUser(resource.id)) notFound(resource.id ?? '');
    });
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress((resource, instance) => {
      const record = plain<Partial<ScimGroup>>(instance);
      if (resource.id === undefined) {
        const memberIds = (record.members ?? []).map((member) => member.value as string);
        return asScimmyRecord(store().createGroup(record.displayName ?? '', record.externalId, memberIds));
      }
      if (!store().groupById(resource.id)) notFound(resource.id);
      if (record.displayName !== undefined) store().renameGroup(resource.id, record.displayName);
      reconcileMembers(resource.id, record.members);
      return asScimmyRecord(store().groupById(resource.id) ?? notFound(resource.id));
    })
    .egress((resource) => {
      if (resource.id !== undefined)
        return asScimmyRecord<never>(store().groupById(resource.id) ?? notFound(resource.id));
      const groups = [...store().groups()];
      return asScimmyRecord<never>(resource.filter ? resource.filter.match(groups) : groups);
    })
    .degress((resource) => {
      if (!resource.id || !store().deleteGroup(resource.id)) notFound(resource.id ?? '');
    });
}

async function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

/** Forwards one request to scimmy unchanged and hands its answer back unchanged. */
function forwardTo(origin: string) {
  return async (incoming: FakeRequest): Promise<FakeResponse> => {
    const query = incoming.query.toString();
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = incoming.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const answer = await request(`${origin}${incoming.path}${query ? `?${query}` : ''}`, {
      method: incoming.method as 'GET',
      headers,
      body: incoming.rawBody === '' ? undefined : incoming.rawBody,
    });
    const text = await answer.body.text();
    const contentType = answer.headers['content-type'];
    return {
      status: answer.statusCode,
      headers: typeof contentType === 'string' ? { 'content-type': contentType } : {},
      ...(text === '' ? {} : { text }),
    };
  };
}

/** The proxy's route names match this package's fake, so the same conformance options serve both. */
const proxiedRoutes: Array<Pick<FakeRoute, 'name' | 'method' | 'pattern'>> = [
  { name: 'service-provider-config', method: 'GET', pattern: `${basePath}/ServiceProviderConfig` },
  { name: 'users.list', method: 'GET', pattern: `${basePath}/Users` },
  { name: 'users.get', method: 'GET', pattern: `${basePath}/Users/:id` },
  { name: 'users.create', method: 'POST', pattern: `${basePath}/Users` },
  { name: 'users.replace', method: 'PUT', pattern: `${basePath}/Users/:id` },
  { name: 'users.patch', method: 'PATCH', pattern: `${basePath}/Users/:id` },
  { name: 'users.delete', method: 'DELETE', pattern: `${basePath}/Users/:id` },
  { name: 'groups.list', method: 'GET', pattern: `${basePath}/Groups` },
  { name: 'groups.get', method: 'GET', pattern: `${basePath}/Groups/:id` },
  { name: 'groups.create', method: 'POST', pattern: `${basePath}/Groups` },
  { name: 'groups.patch', method: 'PATCH', pattern: `${basePath}/Groups/:id` },
  { name: 'groups.delete', method: 'DELETE', pattern: `${basePath}/Groups/:id` },
];

export async function startIndependentScimServer(options: {
  users: number;
  groups?: number;
  seed?: number;
  token: string;
}): Promise<IndependentScimServer> {
  declareResources();
  const directory = createFakeDirectory<ScimUserExtras>({
    users: options.users,
    groups: options.groups,
    seed: options.seed,
  });
  const app = express();
  // Express 5 parses req.query again on every read, so scimmy-routers' in-place cast of startIndex and count
  // to numbers is lost: the parser hands them over as numbers from the start.
  app.set('query parser', (text: string) => {
    const query: Record<string, string | number> = Object.fromEntries(new URLSearchParams(text));
    for (const name of ['startIndex', 'count']) {
      const value = query[name];
      if (typeof value === 'string' && /^\d+$/.test(value)) query[name] = Number(value);
    }
    return query;
  });
  app.use(
    basePath,
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
      handler: (incoming) => {
        if (incoming.header('authorization') !== `Bearer ${options.token}`) throw new Error('Invalid token');
        return 'authenticated';
      },
    }) as unknown as express.Router,
  );
  const scimmy = await listen(app);
  const origin = `http://127.0.0.1:${(scimmy.address() as AddressInfo).port}`;
  const forward = forwardTo(origin);
  const proxy = await startFakeProviderServer({
    routes: proxiedRoutes.map((route) => ({ ...route, handle: forward })),
    notFound: () => ({ status: 404, body: { detail: 'No such endpoint on the proxy.' } }),
  });
  const running = new ScimFakeStore(directory, `${proxy.url}${basePath}`);
  activeStore = running;
  return {
    server: proxy,
    store: running,
    credentials: { token: options.token },
    settings: { base_url: `${proxy.url}${basePath}` },
    async close() {
      await proxy.close();
      await new Promise<void>((resolve) => {
        scimmy.close(() => resolve());
        scimmy.closeAllConnections();
      });
      if (activeStore === running) activeStore = undefined;
    },
  };
}

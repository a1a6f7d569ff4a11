import { randomBytes } from 'node:crypto';
import {
  type FakeDirectoryOptions,
  type FakeProviderServer,
  type FakeRequest,
  type FakeResponse,
  SeededDirectory,
  type SeedGroup,
  type SeedUser,
  startFakeProviderServer,
} from '@unidir/testkit';
import type { ExampleRestGroup, ExampleRestUser } from '../example-rest-mapping.js';

export interface ExampleRestFake {
  server: FakeProviderServer;
  directory: SeededDirectory;
  credentials: { api_key: string };
  settings: { base_url: string };
  close(): Promise<void>;
}

const toUser = (user: SeedUser): ExampleRestUser => ({
  id: user.id,
  email: user.email,
  first_name: user.givenName,
  last_name: user.familyName,
  title: user.jobTitle,
  state: user.suspended ? 'suspended' : 'active',
  role: user.isAdmin ? 'owner' : 'member',
  created_at: user.createdAt,
});
const toGroup = (group: SeedGroup): ExampleRestGroup => ({
  id: group.id,
  name: group.name,
  description: group.description,
});
const error = (status: number, code: string, message: string): FakeResponse => ({
  status,
  body: { error: { code, message } },
});

/** `page_token` is the offset as text, `page_size` at most 100: the provider's paging, not ours. */
function paging(request: FakeRequest): { offset: number; limit: number } | FakeResponse {
  const offset = Number(request.query.get('page_token') ?? '0');
  const limit = Number(request.query.get('page_size') ?? '50');
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    return error(400, 'invalid_paging', 'page_token or page_size is not valid.');
  }
  return { offset, limit };
}

function page<Item>(items: Item[], offset: number, total: number) {
  const next = offset + items.length;
  return { status: 200, body: { items, next_page_token: next < total ? String(next) : null } };
}

/** A loopback fake of the Example REST API: bearer auth, paging, users, groups and memberships. */
export async function startExampleRestFake(
  options: Pick<FakeDirectoryOptions, 'users' | 'seed' | 'host'> = {},
): Promise<ExampleRestFake> {
  const directory = new SeededDirectory({
    users: options.users ?? 50,
    seed: options.seed,
    domain: 'example-rest.test',
  });
  const credentials = { api_key: `example-rest-key-${randomBytes(12).toString('hex')}` };
  const authorized = (request: FakeRequest) =>
    request.headers.authorization === `Bearer ${credentials.api_key}`;
  const guarded =
    (handle: (request: FakeRequest) => FakeResponse) =>
    (request: FakeRequest): FakeResponse =>
      authorized(request) ? handle(request) : error(401, 'unauthorized', 'The API key is not valid.');
  const server = await startFakeProviderServer({
    routes: [
      {
        name: 'users.list',
        method: 'GET',
        pattern: '/v1/users',
        handle: guarded((request) => {
          const window = paging(request);
          if ('status' in window) return window;
          const email = request.query.get('email');
          if (email) {
            const user = directory.userByEmail(email);
            return page(user ? [toUser(user)] : [], 0, user ? 1 : 0);
          }
          const { users, total } = directory.listUsers(window);
          return page(users.map(toUser), window.offset, total);
        }),
      },
      {
        name: 'users.get',
        method: 'GET',
        pattern: '/v1/users/:id',
        handle: guarded((request) => {
          const user = directory.userById(request.params.id ?? '');
          return user ? { status: 200, body: toUser(user) } : error(404, 'not_found', 'No such user.');
        }),
      },
      {
        name: 'users.delete',
        method: 'DELETE',
        pattern: '/v1/users/:id',
        handle: guarded((request) =>
          directory.purgeUser(request.params.id ?? '')
            ? { status: 204 }
            : error(404, 'not_found', 'No such user.'),
        ),
      },
      {
        name: 'groups.list',
        method: 'GET',
        pattern: '/v1/groups',
        handle: guarded((request) => {
          const window = paging(request);
          if ('status' in window) return window;
          const { groups, total } = directory.listGroups(window);
          return page(groups.map(toGroup), window.offset, total);
        }),
      },
      {
        name: 'groups.members.add',
        method: 'PUT',
        pattern: '/v1/groups/:groupId/members/:userId',
        handle: guarded((request) => membership(directory, request, 'add')),
      },
      {
        name: 'groups.members.remove',
        method: 'DELETE',
        pattern: '/v1/groups/:groupId/members/:userId',
        handle: guarded((request) => membership(directory, request, 'remove')),
      },
    ],
    host: options.host,
  });
  return {
    server,
    directory,
    credentials,
    settings: { base_url: `${server.url}/v1` },
    close: () => server.close(),
  };
}

function membership(directory: SeededDirectory, request: FakeRequest, kind: 'add' | 'remove'): FakeResponse {
  const groupId = request.params.groupId ?? '';
  const userId = request.params.userId ?? '';
  if (!directory.groupById(groupId)) return error(404, 'not_found', 'No such group.');
  if (!directory.userById(userId)) return error(404, 'not_found', 'No such user.');
  const changed =
    kind === 'add'
      ? directory.addMember(groupId, userId) === 'added'
      : directory.removeMember(groupId, userId) === 'removed';
  return { status: 200, body: { changed } };
}

import { randomBytes } from 'node:crypto';
import {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  SeededDirectory,
  type SeedUser,
  startFakeProviderServer,
} from '../../src/index.js';

/**
 * Acme: a small made-up JSON API (client-credentials token, page-token lists, soft and permanent deletes,
 * group memberships) served by the testkit, to prove the conformance suite against a connector we control.
 */
export interface AcmeUserJson {
  id: string;
  email: string;
  username: string;
  first_name: string;
  last_name: string;
  display_name: string;
  title: string;
  phone: string;
  status: 'active' | 'suspended';
  is_admin: boolean;
  timezone: string;
  created_at: string;
  updated_at: string;
  last_login_at?: string;
}

export function acmeUserJson(user: SeedUser): AcmeUserJson {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    first_name: user.givenName,
    last_name: user.familyName,
    display_name: user.displayName,
    title: user.jobTitle,
    phone: user.phone,
    status: user.suspended ? 'suspended' : 'active',
    is_admin: user.isAdmin,
    timezone: user.timezone,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    ...(user.lastLoginAt ? { last_login_at: user.lastLoginAt } : {}),
  };
}

const acmeError = (status: number, code: string, message: string): FakeResponse => ({
  status,
  body: { error: { code, message } },
});

function seedFields(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  return {
    givenName: text('first_name'),
    familyName: text('last_name'),
    displayName: text('display_name'),
    email: text('email'),
    username: text('username'),
    jobTitle: text('title'),
  };
}

export interface AcmeFake {
  url: string;
  server: Awaited<ReturnType<typeof startFakeProviderServer>>;
  directory: SeededDirectory;
  credentials: { client_id: string; client_secret: string };
  settings: { base_url: string; token_url: string };
  close(): Promise<void>;
}

export async function startAcmeFake(options: { users: number; seed?: number }): Promise<AcmeFake> {
  const directory = new SeededDirectory({ users: options.users, seed: options.seed, domain: 'acme.test' });
  const credentials = {
    client_id: 'acme-client',
    client_secret: `acme-secret-${randomBytes(12).toString('hex')}`,
  };
  const tokens = new Set<string>();

  const authorised = (handle: (request: FakeRequest) => FakeResponse) => (request: FakeRequest) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token && tokens.has(token)
      ? handle(request)
      : acmeError(401, 'unauthorized', 'Missing or bad token.');
  };
  const withUser = (handle: (request: FakeRequest, user: SeedUser) => FakeResponse) =>
    authorised((request) => {
      const user = directory.userById(request.params.userId ?? '');
      return user ? handle(request, user) : acmeError(404, 'not_found', 'No such user.');
    });

  const routes: FakeRoute[] = [
    {
      name: 'oauth.token',
      method: 'POST',
      pattern: '/oauth/token',
      handle: (request) => {
        const form = new URLSearchParams(request.rawBody);
        if (
          form.get('client_id') !== credentials.client_id ||
          form.get('client_secret') !== credentials.client_secret
        ) {
          return { status: 401, body: { error: 'invalid_client' } };
        }
        const token = `acme-token-${randomBytes(12).toString('hex')}`;
        tokens.add(token);
        return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 } };
      },
    },
    {
      name: 'users.list',
      method: 'GET',
      pattern: '/api/users',
      handle: authorised((request) => {
        const pageSize = Number(request.query.get('page_size') ?? 20);
        const offset = Number(
          Buffer.from(request.query.get('page_token') ?? '', 'base64url').toString() || 0,
        );
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(offset)) {
          return acmeError(400, 'bad_request', 'page_size must be 1-100 and page_token one we issued.');
        }
        const email = request.query.get('email');
        if (email !== null) {
          const user = directory.userByEmail(email);
          return { status: 200, body: { users: user ? [acmeUserJson(user)] : [] } };
        }
        const { users, total } = directory.listUsers({ offset, limit: pageSize });
        const next = offset + users.length;
        return {
          status: 200,
          body: {
            users: users.map(acmeUserJson),
            ...(next < total ? { next_page_token: Buffer.from(String(next)).toString('base64url') } : {}),
          },
        };
      }),
    },
    {
      name: 'users.get',
      method: 'GET',
      pattern: '/api/users/:userId',
      handle: withUser((_request, user) => ({ status: 200, body: acmeUserJson(user) })),
    },
    {
      name: 'users.create',
      method: 'POST',
      pattern: '/api/users',
      handle: authorised((request) => {
        const user = directory.createUser(seedFields((request.body ?? {}) as Record<string, unknown>));
        return { status: 201, body: acmeUserJson(user) };
      }),
    },
    {
      name: 'users.update',
      method: 'PATCH',
      pattern: '/api/users/:userId',
      handle: withUser((request, user) => {
        const updated = directory.updateUser(
          user.id,
          seedFields((request.body ?? {}) as Record<string, unknown>),
        );
        return { status: 200, body: acmeUserJson(updated!) };
      }),
    },
    {
      name: 'users.delete',
      method: 'DELETE',
      pattern: '/api/users/:userId',
      handle: withUser((request, user) => {
        if (request.query.get('permanent') === 'true') directory.purgeUser(user.id);
        else directory.deleteUser(user.id);
        return { status: 204 };
      }),
    },
    {
      name: 'groups.members.delete',
      method: 'DELETE',
      pattern: '/api/groups/:groupId/members/:userId',
      handle: withUser((request, user) => {
        if (!directory.groupById(request.params.groupId ?? ''))
          return acmeError(404, 'not_found', 'No such group.');
        return directory.removeMember(request.params.groupId!, user.id) === 'removed'
          ? { status: 204 }
          : acmeError(404, 'not_found', 'Not a member.');
      }),
    },
  ];

  const server = await startFakeProviderServer({ routes, seed: options.seed });
  return {
    url: server.url,
    server,
    directory,
    credentials,
    settings: { base_url: `${server.url}/api`, token_url: `${server.url}/oauth/token` },
    close: () => server.close(),
  };
}

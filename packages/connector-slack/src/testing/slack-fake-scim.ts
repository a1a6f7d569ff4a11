import {
  DuplicateError,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type SeedUser,
} from '@unidir/testkit';
import { accountTypeOf, type SlackFakeOrg } from './slack-fake-org.js';
import type { FakeTokenStore } from './slack-fake-tokens.js';

const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';
const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const maximumCount = 1000;

/** SCIM v2's error body (RFC 7644 §3.12). */
export function scimError(status: number, detail: string, scimType?: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/scim+json' },
    body: { schemas: [errorSchema], detail, status: String(status), ...(scimType ? { scimType } : {}) },
  };
}

function scimAnswer(status: number, body?: unknown): FakeResponse {
  return { status, headers: { 'content-type': 'application/scim+json' }, body };
}

interface PatchOperation {
  op?: string;
  path?: string;
  value?: unknown;
}

function operationsOf(body: unknown): PatchOperation[] | undefined {
  const record = body as { schemas?: unknown; Operations?: unknown } | undefined;
  if (!Array.isArray(record?.schemas) || !record.schemas.includes(patchSchema)) return undefined;
  return Array.isArray(record.Operations) ? (record.Operations as PatchOperation[]) : undefined;
}

/** `members[value eq "W123"]` → W123. */
function memberFilterValue(path: string): string | undefined {
  return /^members\[value eq "([^"]+)"\]$/.exec(path)?.[1];
}

/** SCIM v2 Users and Groups at /scim/v2: the org's people (no bots) and its user groups. */
export function scimRoutes(org: SlackFakeOrg, tokens: FakeTokenStore, baseUrl: () => string): FakeRoute[] {
  const authorised =
    (handle: (request: FakeRequest) => FakeResponse) =>
    (request: FakeRequest): FakeResponse => {
      const header = request.headers.authorization ?? '';
      const token = tokens.lookup(header.startsWith('Bearer ') ? header.slice(7) : undefined);
      if (token === undefined || token.revoked || tokens.isExpired(token)) {
        return scimError(401, 'invalid_authentication');
      }
      token.calls.push(`SCIM ${request.method} ${request.path.replace('/scim/v2', '')}`);
      if (token.kind !== 'user' || !token.scopes.includes('admin'))
        return scimError(403, 'missing_scope: admin');
      return handle(request);
    };
  const person = (id: string | undefined): SeedUser | undefined => {
    const user = id === undefined ? undefined : org.seedUser(id);
    return user === undefined || accountTypeOf(user.index).isBot ? undefined : user;
  };
  const scimUserOf = (user: SeedUser) => org.scimUser(user, `${baseUrl()}/scim/v2`);

  /** A SCIM ListResponse page: `startIndex` is 1-based, `count` at most 1000. */
  function listPage<Item>(request: FakeRequest, items: readonly Item[], toResource: (item: Item) => unknown) {
    const startIndex = Math.max(1, Number(request.query.get('startIndex') ?? 1) || 1);
    const count = Math.min(maximumCount, Math.max(0, Number(request.query.get('count') ?? 100) || 0));
    const selected = items.slice(startIndex - 1, startIndex - 1 + count);
    return scimAnswer(200, {
      schemas: [listSchema],
      totalResults: items.length,
      itemsPerPage: selected.length,
      startIndex,
      Resources: selected.map(toResource),
    });
  }

  function listUsers(request: FakeRequest): FakeResponse {
    const people = [...org.directory.iterateUsers({ includeDeleted: true })].filter(
      (user) => !accountTypeOf(user.index).isBot,
    );
    return listPage(request, people, scimUserOf);
  }

  function createUser(request: FakeRequest): FakeResponse {
    const body = request.body as Record<string, unknown> | undefined;
    const emails = body?.emails as Array<{ value?: string; primary?: boolean }> | undefined;
    const email = (emails?.find((each) => each.primary) ?? emails?.[0])?.value;
    const userName = body?.userName;
    if (typeof userName !== 'string' || email === undefined) {
      return scimError(400, 'userName and emails are required', 'invalidValue');
    }
    const name = body?.name as { givenName?: string; familyName?: string } | undefined;
    try {
      const user = org.directory.createUser({
        username: userName,
        email,
        givenName: name?.givenName,
        familyName: name?.familyName,
        ...(typeof body?.displayName === 'string' ? { displayName: body.displayName } : {}),
        ...(typeof body?.title === 'string' ? { jobTitle: body.title } : {}),
      });
      return scimAnswer(201, scimUserOf(user));
    } catch (error) {
      if (error instanceof DuplicateError) return scimError(409, `${error.message}`, 'uniqueness');
      throw error;
    }
  }

  function patchUser(request: FakeRequest): FakeResponse {
    const user = person(request.params.id);
    if (user === undefined) return scimError(404, 'User not found');
    const operations = operationsOf(request.body);
    if (operations === undefined) return scimError(400, 'A PatchOp body is required', 'invalidSyntax');
    const fields: Record<string, unknown> = {};
    for (const operation of operations) {
      if (operation.op?.toLowerCase() !== 'replace')
        return scimError(400, `Unsupported op ${operation.op}`, 'invalidValue');
      const { value } = operation;
      switch (operation.path) {
        case 'active':
          if (value === false) org.deactivate(user);
          else org.reactivate(user);
          break;
        case 'userName':
          fields.username = value;
          break;
        case 'displayName':
          fields.displayName = value;
          break;
        case 'title':
          fields.jobTitle = value;
          break;
        case 'name': {
          const name = value as { givenName?: unknown; familyName?: unknown };
          if (typeof name.givenName === 'string') fields.givenName = name.givenName;
          if (typeof name.familyName === 'string') fields.familyName = name.familyName;
          break;
        }
        case 'emails': {
          const emails = value as Array<{ value: string; primary?: boolean }>;
          fields.email = (emails.find((each) => each.primary) ?? emails[0])?.value;
          break;
        }
        default:
          return scimError(400, `Unsupported path ${operation.path}`, 'invalidPath');
      }
    }
    if (Object.keys(fields).length > 0 && org.directory.updateUser(user.id, fields) === undefined) {
      return scimError(400, 'A deactivated user cannot be changed; reactivate it first', 'mutability');
    }
    return scimAnswer(200, scimUserOf(person(request.params.id) as SeedUser));
  }

  /** Deactivates; Slack keeps the account. A user already deactivated is not found (so a repeat is told apart). */
  function deleteUser(request: FakeRequest): FakeResponse {
    const user = person(request.params.id);
    if (user === undefined || org.isDeactivated(user)) return scimError(404, 'User not found');
    if (accountTypeOf(user.index).isPrimaryOwner) return scimError(403, 'cannot_modify_primary_owner');
    org.deactivate(user);
    return scimAnswer(204);
  }

  function groupOf(id: string) {
    const group = org.seedGroup(id);
    if (group === undefined) return undefined;
    return {
      seed: group,
      scim: () => ({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id,
        displayName: group.name,
        members: org
          .memberIdsOf(group)
          .map((value) => ({ value, display: org.seedUser(value)?.displayName })),
        meta: { created: group.createdAt, location: `${baseUrl()}/scim/v2/Groups/${id}` },
      }),
    };
  }

  /** add `members` or remove `members[value eq "..."]`: only the named members change. */
  function patchGroup(request: FakeRequest): FakeResponse {
    const group = groupOf(request.params.id ?? '');
    if (group === undefined) return scimError(404, 'Group not found');
    const operations = operationsOf(request.body);
    if (operations === undefined) return scimError(400, 'A PatchOp body is required', 'invalidSyntax');
    for (const operation of operations) {
      const op = operation.op?.toLowerCase();
      if (op === 'add' && operation.path === 'members' && Array.isArray(operation.value)) {
        for (const member of operation.value as Array<{ value?: string }>) {
          const user = person(member.value);
          if (user === undefined) return scimError(400, `No user ${member.value}`, 'invalidValue');
          org.directory.addMember(group.seed.id, user.id);
        }
      } else if (op === 'remove' && operation.path !== undefined && memberFilterValue(operation.path)) {
        const user = person(memberFilterValue(operation.path));
        if (user === undefined || org.directory.removeMember(group.seed.id, user.id) === 'not_member') {
          return scimError(400, 'The filter matched no member', 'noTarget');
        }
      } else {
        return scimError(400, `Unsupported operation ${operation.op} ${operation.path ?? ''}`, 'invalidPath');
      }
    }
    return scimAnswer(204);
  }

  const route = (
    name: string,
    method: string,
    pattern: string,
    handle: (request: FakeRequest) => FakeResponse,
  ) => ({
    name,
    method,
    pattern: `/scim/v2${pattern}`,
    handle: authorised(handle),
  });
  return [
    route('scim.users.list', 'GET', '/Users', listUsers),
    route('scim.users.get', 'GET', '/Users/:id', (request) => {
      const user = person(request.params.id);
      return user === undefined ? scimError(404, 'User not found') : scimAnswer(200, scimUserOf(user));
    }),
    route('scim.users.create', 'POST', '/Users', createUser),
    route('scim.users.patch', 'PATCH', '/Users/:id', patchUser),
    route('scim.users.delete', 'DELETE', '/Users/:id', deleteUser),
    route('scim.groups.list', 'GET', '/Groups', (request) => {
      const { groups } = org.directory.listGroups({ offset: 0, limit: org.directory.groupCount });
      return listPage(request, groups, (group) => groupOf(org.groupIdOf(group))?.scim());
    }),
    route('scim.groups.get', 'GET', '/Groups/:id', (request) => {
      const group = groupOf(request.params.id ?? '');
      return group === undefined ? scimError(404, 'Group not found') : scimAnswer(200, group.scim());
    }),
    route('scim.groups.patch', 'PATCH', '/Groups/:id', patchGroup),
  ];
}

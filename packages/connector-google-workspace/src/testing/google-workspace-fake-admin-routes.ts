import { hash } from 'node:crypto';
import {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  isFakeResponse,
  type SeedUser,
} from '@unidir/testkit';
import type { GoogleFakeDirectory } from './google-workspace-fake-directory.js';
import { googleError, notFound } from './google-workspace-fake-errors.js';
import { decodePageToken, encodePageToken, parseMaxResults } from './google-workspace-fake-page-token.js';
import {
  delegatedAdminOffset,
  delegatedAdminStep,
  groupsAdminRoleIndex,
  helpDeskRoleIndex,
  systemRoles,
} from './google-workspace-fake-roles.js';
import { authorizedRoute, listEnvelope } from './google-workspace-fake-routes.js';
import { methodScopes } from './google-workspace-fake-scopes.js';
import type { FakeTokenIssuer } from './google-workspace-fake-token.js';

const etagOf = (value: unknown) => `"${hash('sha1', JSON.stringify(value), 'base64url')}"`;
const superAdminRoleIndex = 0;
const seededAdminStep = 97;

interface Assignment {
  roleIndex: number;
  assignedTo: string;
  assigneeType: 'user' | 'group';
  principalIndex: number;
}

/** roles, roleAssignments and customers: the Directory API's account-level resources. */
export function createAdminRoutes(fake: GoogleFakeDirectory, tokens: FakeTokenIssuer): FakeRoute[] {
  const route = authorizedRoute(tokens, '/admin/directory/v1');
  const seedOffset = 9_170_000_000_000_000n + BigInt(fake.directory.seed) * 1_000n;
  const roleId = (index: number) => String(seedOffset + BigInt(index));
  const roleIndexOf = (id: string) => systemRoles.findIndex((_, index) => roleId(index) === id);

  const toRole = (index: number) => {
    const role = systemRoles[index]!;
    const body = {
      kind: 'admin#directory#role',
      roleId: roleId(index),
      roleName: role.roleName,
      roleDescription: role.roleDescription,
      rolePrivileges: [{ privilegeName: role.privilege, serviceId: '00haapch16h1ysv' }],
      isSystemRole: true,
      isSuperAdminRole: role.isSuperAdminRole,
    };
    return { ...body, etag: etagOf(body) };
  };

  const toAssignment = (assignment: Assignment) => {
    const body = {
      kind: 'admin#directory#roleAssignment',
      roleAssignmentId: String(
        seedOffset * 10n + BigInt(assignment.principalIndex) * 10n + BigInt(assignment.roleIndex),
      ),
      roleId: roleId(assignment.roleIndex),
      assignedTo: assignment.assignedTo,
      assigneeType: assignment.assigneeType,
      scopeType: 'CUSTOMER',
    };
    return { ...body, etag: etagOf(body) };
  };

  const userAssignment = (user: SeedUser, roleIndex: number): Assignment => ({
    roleIndex,
    assignedTo: fake.ids.userId(user.index),
    assigneeType: 'user',
    principalIndex: user.index,
  });

  /** Super Admin for the administrator and seeded admins, Groups Admin for some users, Help Desk for group 0. */
  const assignments = (): Assignment[] => {
    const found: Assignment[] = [userAssignment(fake.administrator, superAdminRoleIndex)];
    const seeded = (
      step: number,
      offset: number,
      roleIndex: number,
      applies: (user: SeedUser) => boolean,
    ) => {
      for (let index = offset; index < fake.directory.seedUserCount; index += step) {
        const user = fake.findUser(fake.ids.userId(index));
        if (!isFakeResponse(user) && applies(user)) found.push(userAssignment(user, roleIndex));
      }
    };
    seeded(seededAdminStep, 0, superAdminRoleIndex, (user) => user.isAdmin);
    seeded(delegatedAdminStep, delegatedAdminOffset, groupsAdminRoleIndex, () => true);
    const firstGroup = fake.groups.byIndex(0);
    if (firstGroup) {
      found.push({
        roleIndex: helpDeskRoleIndex,
        assignedTo: fake.ids.groupId(0),
        assigneeType: 'group',
        principalIndex: fake.directory.seedUserCount + 1,
      });
    }
    return found;
  };

  const checkCustomer = (request: FakeRequest): FakeResponse | undefined => {
    const customer = request.params.customer;
    return customer === 'my_customer' || customer === fake.ids.customerId ? undefined : notFound('customer');
  };

  const page = <Item>(request: FakeRequest, items: Item[], maximum: number, fingerprint: string) => {
    const limit = parseMaxResults(request.query.get('maxResults'), maximum, maximum);
    if (typeof limit === 'string') return googleError(400, 'invalid', limit);
    const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
    if (offset === 'invalid') return googleError(400, 'invalid', 'Invalid Input: pageToken');
    const from = offset ?? 0;
    const token = from + limit < items.length ? encodePageToken(from + limit, fingerprint) : undefined;
    return { items: items.slice(from, from + limit), token };
  };

  const listRoles = (request: FakeRequest): FakeResponse => {
    const customerError = checkCustomer(request);
    if (customerError) return customerError;
    const result = page(
      request,
      systemRoles.map((_, index) => toRole(index)),
      100,
      'roles',
    );
    if (isFakeResponse(result)) return result;
    return { status: 200, body: listEnvelope('admin#directory#roles', 'items', result.items, result.token) };
  };

  const listAssignments = (request: FakeRequest): FakeResponse => {
    const customerError = checkCustomer(request);
    if (customerError) return customerError;
    const userKey = request.query.get('userKey');
    const roleFilter = request.query.get('roleId');
    let principal: string | undefined;
    if (userKey !== null) {
      const user = fake.findUser(userKey);
      if (!isFakeResponse(user)) principal = fake.ids.userId(user.index);
      else {
        const group = fake.findGroup(userKey);
        if (isFakeResponse(group)) return googleError(404, 'notFound', 'Resource Not Found: userKey');
        principal = fake.ids.groupId(group.index);
      }
    }
    if (roleFilter !== null && roleIndexOf(roleFilter) === -1) return notFound('roleId');
    const matching = assignments()
      .map(toAssignment)
      .filter(
        (assignment) =>
          (principal === undefined || assignment.assignedTo === principal) &&
          (roleFilter === null || assignment.roleId === roleFilter),
      );
    const result = page(request, matching, 200, JSON.stringify([userKey, roleFilter]));
    if (isFakeResponse(result)) return result;
    return {
      status: 200,
      body: listEnvelope('admin#directory#roleAssignments', 'items', result.items, result.token),
    };
  };

  const customer = () => {
    const body = {
      kind: 'admin#directory#customer',
      id: fake.ids.customerId,
      customerDomain: fake.directory.domain,
      alternateEmail: `it-contact@${fake.directory.domain}.example`,
      customerCreationTime: '2021-01-04T09:00:00.000Z',
      language: 'en',
      phoneNumber: '+15550100000',
      postalAddress: {
        organizationName: 'Unidir Test Organization',
        contactName: 'Workspace Administrator',
        addressLine1: '1 Loopback Way',
        locality: 'London',
        postalCode: 'EC1A 1AA',
        countryCode: 'GB',
      },
    };
    return { ...body, etag: etagOf(body) };
  };

  return [
    route('roles.list', 'GET', '/customer/:customer/roles', methodScopes.readRoles, listRoles),
    route('roles.get', 'GET', '/customer/:customer/roles/:roleId', methodScopes.readRoles, (request) => {
      const customerError = checkCustomer(request);
      if (customerError) return customerError;
      const index = roleIndexOf(request.params.roleId ?? '');
      return index === -1 ? notFound('roleId') : { status: 200, body: toRole(index) };
    }),
    route(
      'roleAssignments.list',
      'GET',
      '/customer/:customer/roleassignments',
      methodScopes.readRoles,
      listAssignments,
    ),
    route('customers.get', 'GET', '/customers/:customerKey', methodScopes.readCustomer, (request) => {
      const key = request.params.customerKey;
      return key === 'my_customer' || key === fake.ids.customerId
        ? { status: 200, body: customer() }
        : notFound('customerKey');
    }),
  ];
}

import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import { type OktaFakeContext, originOf } from './okta-fake-context.js';
import { notFound } from './okta-fake-responses.js';

export const fakeOrgId = '00o1fakeorg000000001';

/** The org's one custom admin role (`GET /iam/roles`), beside Okta's standard roles. */
function customRoles(origin: string) {
  return [
    {
      id: 'cr0accessreviewer001',
      label: 'Access Reviewer',
      description: 'Reads users and groups for access reviews.',
      created: '2021-01-04T09:00:00.000Z',
      lastUpdated: '2021-01-04T09:00:00.000Z',
      _links: { self: { href: `${origin}/api/v1/iam/roles/cr0accessreviewer001` } },
    },
  ];
}

function orgSettings(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const origin = originOf(context, request);
  return {
    status: 200,
    body: {
      id: fakeOrgId,
      companyName: 'Unidir Test Org',
      subdomain: 'unidir-test',
      status: 'ACTIVE',
      website: 'https://unidir.test',
      country: 'United States',
      created: '2021-01-04T09:00:00.000Z',
      lastUpdated: '2021-01-04T09:00:00.000Z',
      _links: { contacts: { href: `${origin}/api/v1/org/contacts` } },
    },
  };
}

function listCustomRoles(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  return { status: 200, body: { roles: customRoles(originOf(context, request)), _links: {} } };
}

function getCustomRole(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const role = customRoles(originOf(context, request)).find(
    (candidate) => candidate.id === request.params.roleId,
  );
  return role ? { status: 200, body: role } : notFound(`${request.params.roleId} (Role)`);
}

export function orgRoutes(context: OktaFakeContext): Array<FakeRoute & { scope: string }> {
  const route = (name: string, pattern: string, scope: string, handler: typeof orgSettings) => ({
    name,
    method: 'GET',
    pattern,
    scope,
    handle: (request: FakeRequest) => handler(context, request),
  });
  return [
    route('org.get', '/api/v1/org', 'okta.orgs.read', orgSettings),
    route('roles.list', '/api/v1/iam/roles', 'okta.roles.read', listCustomRoles),
    route('roles.get', '/api/v1/iam/roles/:roleId', 'okta.roles.read', getCustomRole),
  ];
}

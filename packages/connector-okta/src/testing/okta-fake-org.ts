import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
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

function orgSettings(request: FakeRequest): FakeResponse {
  const origin = request.baseUrl;
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

function listCustomRoles(request: FakeRequest): FakeResponse {
  return { status: 200, body: { roles: customRoles(request.baseUrl), _links: {} } };
}

function getCustomRole(request: FakeRequest): FakeResponse {
  const role = customRoles(request.baseUrl).find((candidate) => candidate.id === request.params.roleId);
  return role ? { status: 200, body: role } : notFound(`${request.params.roleId} (Role)`);
}

export function orgRoutes(): Array<FakeRoute & { scope: string }> {
  const route = (name: string, pattern: string, scope: string, handle: typeof orgSettings) => ({
    name,
    method: 'GET',
    pattern,
    scope,
    handle,
  });
  return [
    route('org.get', '/api/v1/org', 'okta.orgs.read', orgSettings),
    route('roles.list', '/api/v1/iam/roles', 'okta.roles.read', listCustomRoles),
    route('roles.get', '/api/v1/iam/roles/:roleId', 'okta.roles.read', getCustomRole),
  ];
}

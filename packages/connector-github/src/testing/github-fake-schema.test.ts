import { signJwtRs256 } from '@unidir/connector-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubFake, startGitHubFake } from './github-fake.js';
import { loginOf } from './github-fake-records.js';
import { openApiProblems } from './github-openapi-schemas.js';

/** Every answer the connector relies on, checked against GitHub's published OpenAPI description. */
describe('the GitHub fake against @octokit/openapi', () => {
  let fake: GitHubFake;
  let org: string;
  const login = (index: number) => loginOf(fake.organizations.get(org)!.person(index)!);

  beforeAll(async () => {
    fake = await startGitHubFake({ users: 30, outsideCollaborators: 2 });
    org = fake.settings.organizations[0]!;
  });
  afterAll(() => fake.close());

  async function call(method: string, path: string, body?: unknown, bearer = fake.credentials.token) {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function expectConforming(
    method: string,
    template: string,
    path: string,
    status: number,
    body?: unknown,
    bearer?: string,
  ) {
    const response = await call(method, path, body, bearer);
    expect(response.status, `${method} ${path}`).toBe(status);
    expect(openApiProblems(method, template, response.status, response.body)).toEqual([]);
    expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(response.headers.get('x-github-request-id')).toBeTruthy();
    return response;
  }

  it('serves members, collaborators, invitations and memberships as GitHub describes them', async () => {
    const members = await expectConforming(
      'GET',
      '/orgs/{org}/members',
      `/orgs/${org}/members?per_page=100`,
      200,
    );
    expect(members.body).toHaveLength(30);
    await expectConforming(
      'GET',
      '/orgs/{org}/members',
      `/orgs/${org}/members?role=admin&filter=2fa_disabled`,
      200,
    );
    await expectConforming(
      'GET',
      '/orgs/{org}/outside_collaborators',
      `/orgs/${org}/outside_collaborators`,
      200,
    );
    await expectConforming(
      'GET',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${login(3)}`,
      200,
    );
    await expectConforming(
      'PUT',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${login(3)}`,
      200,
      { role: 'admin' },
    );
    await expectConforming('POST', '/orgs/{org}/invitations', `/orgs/${org}/invitations`, 201, {
      email: 'new@unidir.test',
    });
    const invitee = fake.organizations.get(org)!.person(40)!;
    const profile = await expectConforming('GET', '/users/{username}', `/users/${loginOf(invitee)}`, 200);
    await expectConforming('POST', '/orgs/{org}/invitations', `/orgs/${org}/invitations`, 201, {
      invitee_id: profile.body.id,
      role: 'admin',
    });
    const pending = await expectConforming(
      'GET',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${loginOf(invitee)}`,
      200,
    );
    expect(pending.body.state).toBe('pending');
    await expectConforming('GET', '/orgs/{org}/invitations', `/orgs/${org}/invitations`, 200);
    await expectConforming('POST', '/orgs/{org}/invitations', `/orgs/${org}/invitations`, 422, {
      email: 'new@unidir.test',
    });
    await expectConforming('GET', '/user/{account_id}', `/user/${profile.body.id}`, 200);
    await expectConforming('GET', '/user', '/user', 200);
    await expectConforming('GET', '/orgs/{org}', `/orgs/${org}`, 200);
  });

  it('answers removals, refusals and unknown users with GitHub error bodies', async () => {
    await expectConforming(
      'DELETE',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${login(5)}`,
      204,
    );
    await expectConforming(
      'DELETE',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${login(5)}`,
      404,
    );
    const owners = fake.organizations.get(org)!.members({ role: 'admin' });
    for (const owner of owners.slice(1)) await call('DELETE', `/orgs/${org}/memberships/${loginOf(owner)}`);
    const refused = await expectConforming(
      'DELETE',
      '/orgs/{org}/memberships/{username}',
      `/orgs/${org}/memberships/${loginOf(owners[0]!)}`,
      403,
    );
    expect(refused.body.message).toMatch(/last owner/);
    await expectConforming('GET', '/users/{username}', '/users/nobody-here-999999', 404);
    const [invitation] = fake.organizations.get(org)!.invitations();
    const cancel = `/orgs/${org}/invitations/${invitation!.id}`;
    await expectConforming('DELETE', '/orgs/{org}/invitations/{invitation_id}', cancel, 204);
    await expectConforming('DELETE', '/orgs/{org}/invitations/{invitation_id}', cancel, 404);
  });

  it('serves teams and team memberships as GitHub describes them', async () => {
    await expectConforming('GET', '/orgs/{org}/teams', `/orgs/${org}/teams`, 200);
    const created = await expectConforming('POST', '/orgs/{org}/teams', `/orgs/${org}/teams`, 201, {
      name: 'Platform',
      privacy: 'closed',
    });
    const slug = created.body.slug as string;
    await expectConforming('GET', '/orgs/{org}/teams/{team_slug}', `/orgs/${org}/teams/${slug}`, 200);
    await expectConforming('PATCH', '/orgs/{org}/teams/{team_slug}', `/orgs/${org}/teams/${slug}`, 200, {
      description: 'Runs it',
    });
    const membership = `/orgs/${org}/teams/${slug}/memberships/${login(8)}`;
    await expectConforming('PUT', '/orgs/{org}/teams/{team_slug}/memberships/{username}', membership, 200, {
      role: 'member',
    });
    await expectConforming('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', membership, 200);
    await expectConforming(
      'GET',
      '/orgs/{org}/teams/{team_slug}/members',
      `/orgs/${org}/teams/${slug}/members`,
      200,
    );
    await expectConforming('DELETE', '/orgs/{org}/teams/{team_slug}/memberships/{username}', membership, 204);
    await expectConforming('DELETE', '/orgs/{org}/teams/{team_slug}', `/orgs/${org}/teams/${slug}`, 204);
  });

  it('serves the App installation token flow as GitHub describes it', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 60;
    const jwt = signJwtRs256(
      { iat: issuedAt, exp: issuedAt + 540, iss: fake.app.appId },
      fake.app.privateKeyPem,
    );
    await expectConforming('GET', '/app', '/app', 200, undefined, jwt);
    const token = await expectConforming(
      'POST',
      '/app/installations/{installation_id}/access_tokens',
      `/app/installations/${fake.app.installationId}/access_tokens`,
      201,
      undefined,
      jwt,
    );
    await expectConforming(
      'GET',
      '/orgs/{org}/members',
      `/orgs/${org}/members`,
      200,
      undefined,
      token.body.token,
    );
  });
});

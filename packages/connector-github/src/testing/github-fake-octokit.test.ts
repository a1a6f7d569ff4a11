import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubFake, startGitHubFake } from './github-fake.js';
import { loginOf, slugOf } from './github-fake-records.js';

/** The official SDK, pointed at the fake, sees GitHub: paging, memberships, teams, removals and the App flow. */
describe('the GitHub fake through @octokit/rest and @octokit/auth-app', () => {
  let fake: GitHubFake;
  let org: string;
  let octokit: Octokit;

  beforeAll(async () => {
    fake = await startGitHubFake({ users: 250, outsideCollaborators: 3 });
    org = fake.settings.organizations[0]!;
    octokit = new Octokit({ auth: fake.credentials.token, baseUrl: fake.url, request: { retries: 0 } });
  });
  afterAll(() => fake.close());

  it('paginates every member through the Link header', async () => {
    const members = await octokit.paginate(octokit.rest.orgs.listMembers, { org, per_page: 100 });
    expect(members).toHaveLength(250);
    expect(new Set(members.map((member) => member.id)).size).toBe(250);
    const owners = await octokit.paginate(octokit.rest.orgs.listMembers, { org, role: 'admin', per_page: 2 });
    expect(owners.map((owner) => owner.login)).toEqual(
      fake.organizations.get(org)!.members({ role: 'admin' }).map(loginOf),
    );
    const pages = fake.server.journal.forRoute('members.list').map((entry) => entry.query.page ?? '1');
    expect(pages.slice(0, 3)).toEqual(['1', '2', '3']);
  });

  it('paginates outside collaborators and pending invitations', async () => {
    const collaborators = await octokit.paginate(octokit.rest.orgs.listOutsideCollaborators, {
      org,
      per_page: 2,
    });
    expect(collaborators).toHaveLength(3);
    const invitations = await octokit.paginate(octokit.rest.orgs.listPendingInvitations, {
      org,
      per_page: 1,
    });
    const expected = fake.organizations.get(org)!.invitations();
    expect(invitations.map((invitation) => invitation.id)).toEqual(
      expected.map((invitation) => invitation.id),
    );
    expect(invitations.map((invitation) => invitation.login ?? invitation.email)).toEqual([
      expect.stringContaining('@'),
      expect.stringMatching(/-\d+$/),
    ]);
  });

  it('reads and changes memberships, and removes a member exactly once', async () => {
    const member = fake.directory.listUsers({ offset: 4, limit: 1 }).users[0]!;
    const username = loginOf(member);
    const { data: membership } = await octokit.rest.orgs.getMembershipForUser({ org, username });
    expect(membership).toMatchObject({ state: 'active', role: 'member', user: { login: username } });
    await octokit.rest.orgs.setMembershipForUser({ org, username, role: 'admin' });
    expect((await octokit.rest.orgs.getMembershipForUser({ org, username })).data.role).toBe('admin');
    expect((await octokit.rest.orgs.removeMembershipForUser({ org, username })).status).toBe(204);
    await expect(octokit.rest.orgs.removeMembershipForUser({ org, username })).rejects.toMatchObject({
      status: 404,
    });
    await expect(octokit.rest.orgs.getMembershipForUser({ org, username })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('paginates teams and their members, and adds and removes team memberships', async () => {
    const teams = await octokit.paginate(octokit.rest.teams.list, { org, per_page: 2 });
    expect(teams).toHaveLength(fake.directory.groupCount);
    const [group] = fake.directory.listGroups({ offset: 0, limit: 1 }).groups;
    const team_slug = slugOf(group!.name);
    const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
      org,
      team_slug,
      per_page: 10,
    });
    expect(members.length).toBe(fake.directory.memberIdsOfGroup(group!.id).length);
    const outsider = fake.directory
      .listUsers({ offset: 0, limit: 250 })
      .users.find((user) => !fake.directory.isMember(group!.id, user.id))!;
    const username = loginOf(outsider);
    const added = await octokit.rest.teams.addOrUpdateMembershipForUserInOrg({ org, team_slug, username });
    expect(added.data).toMatchObject({ state: 'active', role: 'member' });
    expect((await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username })).status).toBe(
      200,
    );
    expect((await octokit.rest.teams.removeMembershipForUserInOrg({ org, team_slug, username })).status).toBe(
      204,
    );
    await expect(
      octokit.rest.teams.removeMembershipForUserInOrg({ org, team_slug, username }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('reports a spent primary window the way Octokit reads it: 403 with x-ratelimit-remaining 0', async () => {
    const limited = await startGitHubFake({ users: 3, rateLimit: 1 });
    try {
      const client = new Octokit({
        auth: limited.credentials.token,
        baseUrl: limited.url,
        request: { retries: 0 },
      });
      const first = await client.rest.orgs.listMembers({ org: limited.settings.organizations[0]! });
      expect(first.headers['x-ratelimit-remaining']).toBe('0');
      const error = await client.rest.orgs
        .listMembers({ org: limited.settings.organizations[0]! })
        .catch((caught) => caught);
      expect(error).toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
      expect(Number(error.response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    } finally {
      await limited.close();
    }
  });

  it('issues installation tokens to @octokit/auth-app, which then lists members', async () => {
    const auth = createAppAuth({
      appId: fake.app.appId,
      privateKey: fake.app.privateKeyPem,
      installationId: fake.app.installationId,
      request: new Octokit({ baseUrl: fake.url }).request,
    });
    const installation = await auth({ type: 'installation' });
    expect(installation.token).toMatch(/^ghs_/);
    expect(Date.parse(installation.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    const app = await auth({ type: 'app' });
    const asApp = new Octokit({ auth: app.token, baseUrl: fake.url });
    expect((await asApp.rest.apps.getAuthenticated()).data?.id).toBe(Number(fake.app.appId));

    const asInstallation = new Octokit({
      baseUrl: fake.url,
      authStrategy: createAppAuth,
      auth: {
        appId: fake.app.appId,
        privateKey: fake.app.privateKeyPem,
        installationId: fake.app.installationId,
      },
    });
    const members = await asInstallation.paginate(asInstallation.rest.orgs.listMembers, {
      org,
      per_page: 100,
    });
    expect(members.length).toBeGreaterThan(200);
  });
});

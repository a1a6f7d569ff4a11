import type { FakeRequest } from '@unidir/testkit';
import { type GitHubRoute, paginate } from './github-fake-http.js';
import type { GitHubFakeWorld } from './github-fake-member-routes.js';
import { type GitHubFakeOrganizationState, GitHubFakeRefusal } from './github-fake-organization.js';
import { type FakeTeam, simpleUser, teamFull, teamSimple } from './github-fake-records.js';

function requireTeam(world: GitHubFakeWorld, request: FakeRequest) {
  const organization = world.organization(request.params.org ?? '');
  const team = organization?.team(request.params.team_slug ?? '');
  if (!organization || !team) throw new GitHubFakeRefusal(404, 'Not Found');
  return { organization, team };
}

function teamFields(body: unknown): { name?: string; description?: string; privacy?: FakeTeam['privacy'] } {
  const { name, description, privacy } = (body ?? {}) as Record<string, unknown>;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    throw new GitHubFakeRefusal(422, 'name must be a non-empty string');
  }
  if (privacy !== undefined && privacy !== 'closed' && privacy !== 'secret') {
    throw new GitHubFakeRefusal(422, 'privacy must be closed or secret');
  }
  return {
    ...(name === undefined ? {} : { name: name as string }),
    ...(typeof description === 'string' ? { description } : {}),
    ...(privacy === undefined ? {} : { privacy: privacy as FakeTeam['privacy'] }),
  };
}

function fullTeam(world: GitHubFakeWorld, organization: GitHubFakeOrganizationState, team: FakeTeam) {
  return teamFull(world.baseUrl(), organization.organization, team, organization.teamMembers(team).length);
}

/** Teams and team memberships. */
export function teamRoutes(world: GitHubFakeWorld): GitHubRoute[] {
  const teamMembership = (organization: GitHubFakeOrganizationState, team: FakeTeam, login: string) => ({
    url: `${world.baseUrl()}/organizations/${organization.organization.id}/team/${team.id}/memberships/${login}`,
    role: 'member',
    state: 'active',
  });
  const personOf = (organization: GitHubFakeOrganizationState, login: string) => {
    const person = organization.personByLogin(login);
    if (!person) throw new GitHubFakeRefusal(404, 'Not Found');
    return person;
  };
  return [
    {
      name: 'teams.list',
      method: 'GET',
      pattern: '/orgs/:org/teams',
      handle(request) {
        const organization = world.organization(request.params.org ?? '');
        if (!organization) throw new GitHubFakeRefusal(404, 'Not Found');
        return paginate(world.baseUrl(), request, organization.teams(), (team) =>
          teamSimple(world.baseUrl(), organization.organization, team),
        );
      },
    },
    {
      name: 'teams.create',
      method: 'POST',
      pattern: '/orgs/:org/teams',
      handle(request) {
        const organization = world.organization(request.params.org ?? '');
        if (!organization) throw new GitHubFakeRefusal(404, 'Not Found');
        const fields = teamFields(request.body);
        if (fields.name === undefined) throw new GitHubFakeRefusal(422, 'name is required');
        const team = organization.createTeam({ ...fields, name: fields.name });
        return { status: 201, body: fullTeam(world, organization, team) };
      },
    },
    {
      name: 'teams.get',
      method: 'GET',
      pattern: '/orgs/:org/teams/:team_slug',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        return { status: 200, body: fullTeam(world, organization, team) };
      },
    },
    {
      name: 'teams.update',
      method: 'PATCH',
      pattern: '/orgs/:org/teams/:team_slug',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        organization.updateTeam(team, teamFields(request.body));
        return { status: 200, body: fullTeam(world, organization, team) };
      },
    },
    {
      name: 'teams.delete',
      method: 'DELETE',
      pattern: '/orgs/:org/teams/:team_slug',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        organization.deleteTeam(team);
        return { status: 204 };
      },
    },
    {
      name: 'team_members.list',
      method: 'GET',
      pattern: '/orgs/:org/teams/:team_slug/members',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        return paginate(world.baseUrl(), request, organization.teamMembers(team), (person) =>
          simpleUser(world.baseUrl(), person),
        );
      },
    },
    {
      name: 'team_memberships.get',
      method: 'GET',
      pattern: '/orgs/:org/teams/:team_slug/memberships/:username',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        const login = request.params.username ?? '';
        if (!organization.isTeamMember(team, personOf(organization, login))) {
          throw new GitHubFakeRefusal(404, 'Not Found');
        }
        return { status: 200, body: teamMembership(organization, team, login) };
      },
    },
    {
      name: 'team_memberships.set',
      method: 'PUT',
      pattern: '/orgs/:org/teams/:team_slug/memberships/:username',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        const login = request.params.username ?? '';
        organization.joinTeam(team, personOf(organization, login));
        return { status: 200, body: teamMembership(organization, team, login) };
      },
    },
    {
      name: 'team_memberships.delete',
      method: 'DELETE',
      pattern: '/orgs/:org/teams/:team_slug/memberships/:username',
      handle(request) {
        const { organization, team } = requireTeam(world, request);
        organization.removeFromTeam(team, personOf(organization, request.params.username ?? ''));
        return { status: 204 };
      },
    },
  ];
}

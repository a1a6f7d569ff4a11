import type { FakeRequest, SeedUser } from '@unidir/testkit';
import { type GitHubRoute, notFound, paginate } from './github-fake-http.js';
import { type GitHubFakeOrganizationState, GitHubFakeRefusal } from './github-fake-organization.js';
import { type FakeInvitation, organizationSimple, publicUser, simpleUser } from './github-fake-records.js';

/** What the member routes need from the fake: its organizations and the URL links are built on. */
export interface GitHubFakeWorld {
  baseUrl(): string;
  organization(login: string): GitHubFakeOrganizationState | undefined;
  /** The account every organization draws its people from (the first one). */
  people(): GitHubFakeOrganizationState;
}

function requireOrganization(world: GitHubFakeWorld, request: FakeRequest): GitHubFakeOrganizationState {
  const organization = world.organization(request.params.org ?? '');
  if (!organization) throw new GitHubFakeRefusal(404, 'Not Found');
  return organization;
}

function requirePerson(organization: GitHubFakeOrganizationState, login: string): SeedUser {
  const person = organization.personByLogin(login);
  if (!person) throw new GitHubFakeRefusal(404, 'Not Found');
  return person;
}

export function membership(
  world: GitHubFakeWorld,
  organization: GitHubFakeOrganizationState,
  person: SeedUser,
) {
  const invitation = organization.pendingInvitationOf(person);
  const baseUrl = world.baseUrl();
  const login = organization.organization.login;
  return {
    url: `${baseUrl}/orgs/${login}/memberships/${simpleUser(baseUrl, person).login}`,
    state: invitation ? 'pending' : 'active',
    role: invitation
      ? invitation.role === 'direct_member'
        ? 'member'
        : invitation.role
      : organization.roleOf(person),
    organization_url: `${baseUrl}/orgs/${login}`,
    organization: organizationSimple(baseUrl, organization.organization),
    user: simpleUser(baseUrl, person),
  };
}

function invitationRecord(
  world: GitHubFakeWorld,
  organization: GitHubFakeOrganizationState,
  invitation: FakeInvitation,
) {
  const baseUrl = world.baseUrl();
  const person = invitation.personIndex === null ? undefined : organization.person(invitation.personIndex);
  return {
    id: invitation.id,
    node_id: Buffer.from(`OrganizationInvitation${invitation.id}`).toString('base64'),
    login: person ? simpleUser(baseUrl, person).login : null,
    email: invitation.email,
    role: invitation.role,
    created_at: invitation.createdAt,
    failed_at: null,
    failed_reason: null,
    inviter: simpleUser(baseUrl, organization.person(invitation.inviterIndex)!),
    team_count: 0,
    invitation_teams_url: `${baseUrl}/organizations/${organization.organization.id}/invitations/${invitation.id}/teams`,
    invitation_source: 'member',
  };
}

const invitationRoles = ['admin', 'direct_member', 'billing_manager'] as const;

/** Members, memberships, invitations, outside collaborators and user profiles. */
export function memberRoutes(world: GitHubFakeWorld): GitHubRoute[] {
  const render = (person: SeedUser) => simpleUser(world.baseUrl(), person);
  return [
    {
      name: 'members.list',
      method: 'GET',
      pattern: '/orgs/:org/members',
      handle(request) {
        const organization = requireOrganization(world, request);
        const role = request.query.get('role') ?? 'all';
        const filter = request.query.get('filter') ?? 'all';
        if (
          !['all', 'admin', 'member'].includes(role) ||
          !['all', '2fa_disabled', '2fa_insecure'].includes(filter)
        ) {
          throw new GitHubFakeRefusal(422, `Invalid role or filter: ${role}, ${filter}`);
        }
        const members = organization.members({ role, twoFactorDisabled: filter !== 'all' });
        return paginate(world.baseUrl(), request, members, render);
      },
    },
    {
      name: 'outside_collaborators.list',
      method: 'GET',
      pattern: '/orgs/:org/outside_collaborators',
      handle(request) {
        return paginate(
          world.baseUrl(),
          request,
          requireOrganization(world, request).outsideCollaborators(),
          render,
        );
      },
    },
    {
      name: 'invitations.list',
      method: 'GET',
      pattern: '/orgs/:org/invitations',
      handle(request) {
        const organization = requireOrganization(world, request);
        return paginate(world.baseUrl(), request, organization.invitations(), (invitation) =>
          invitationRecord(world, organization, invitation),
        );
      },
    },
    {
      name: 'invitations.create',
      method: 'POST',
      pattern: '/orgs/:org/invitations',
      handle(request) {
        const organization = requireOrganization(world, request);
        const body = (request.body ?? {}) as { email?: unknown; invitee_id?: unknown; role?: unknown };
        const role = (body.role ?? 'direct_member') as FakeInvitation['role'];
        if (!invitationRoles.includes(role))
          throw new GitHubFakeRefusal(422, `role ${String(role)} is not valid`);
        let invitation: FakeInvitation;
        if (typeof body.invitee_id === 'number') {
          const person = organization.personById(body.invitee_id);
          if (!person) throw new GitHubFakeRefusal(404, 'Not Found');
          invitation = organization.invite({ person }, role);
        } else if (typeof body.email === 'string' && body.email.includes('@')) {
          invitation = organization.invite({ email: body.email }, role);
        } else {
          throw new GitHubFakeRefusal(422, 'Give invitee_id or email.');
        }
        return { status: 201, body: invitationRecord(world, organization, invitation) };
      },
    },
    {
      name: 'invitations.delete',
      method: 'DELETE',
      pattern: '/orgs/:org/invitations/:invitation_id',
      handle(request) {
        requireOrganization(world, request).cancelInvitation(Number(request.params.invitation_id));
        return { status: 204 };
      },
    },
    {
      name: 'memberships.get',
      method: 'GET',
      pattern: '/orgs/:org/memberships/:username',
      handle(request) {
        const organization = requireOrganization(world, request);
        const person = requirePerson(organization, request.params.username ?? '');
        if (!organization.isMember(person) && !organization.pendingInvitationOf(person)) return notFound();
        return { status: 200, body: membership(world, organization, person) };
      },
    },
    {
      name: 'memberships.set',
      method: 'PUT',
      pattern: '/orgs/:org/memberships/:username',
      handle(request) {
        const organization = requireOrganization(world, request);
        const person = requirePerson(organization, request.params.username ?? '');
        const role = ((request.body ?? {}) as { role?: unknown }).role ?? 'member';
        if (role !== 'admin' && role !== 'member')
          throw new GitHubFakeRefusal(422, `role ${String(role)} is not valid`);
        if (organization.isMember(person)) organization.setRole(person, role);
        else if (!organization.pendingInvitationOf(person))
          organization.invite({ person }, role === 'admin' ? 'admin' : 'direct_member');
        return { status: 200, body: membership(world, organization, person) };
      },
    },
    {
      name: 'memberships.delete',
      method: 'DELETE',
      pattern: '/orgs/:org/memberships/:username',
      handle(request) {
        const organization = requireOrganization(world, request);
        organization.removeMembership(requirePerson(organization, request.params.username ?? ''));
        return { status: 204 };
      },
    },
    {
      name: 'users.get_by_username',
      method: 'GET',
      pattern: '/users/:username',
      handle(request) {
        const person = world.people().personByLogin(request.params.username ?? '');
        return person ? { status: 200, body: publicUser(world.baseUrl(), person) } : notFound();
      },
    },
    {
      name: 'users.get_by_id',
      method: 'GET',
      pattern: '/user/:account_id',
      handle(request) {
        const id = Number(request.params.account_id);
        const person = Number.isSafeInteger(id) ? world.people().personById(id) : undefined;
        return person ? { status: 200, body: publicUser(world.baseUrl(), person) } : notFound();
      },
    },
    {
      name: 'user.get_authenticated',
      method: 'GET',
      pattern: '/user',
      handle(_request, identity) {
        if (identity.kind !== 'token') {
          throw new GitHubFakeRefusal(403, 'Resource not accessible by integration');
        }
        const owner = world.people().person(0)!;
        return { status: 200, body: publicUser(world.baseUrl(), owner) };
      },
    },
  ];
}

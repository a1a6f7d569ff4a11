import { SeededDirectory, type SeedUser, seedId } from '@unidir/testkit';
import {
  type FakeInvitation,
  type FakeOrganization,
  type FakeTeam,
  indexOfLogin,
  loginOf,
  personIndexOf,
  slugOf,
  teamFromGroup,
  teamIdOf,
} from './github-fake-records.js';

export type OrganizationRole = 'admin' | 'member' | 'billing_manager';

/** How GitHub answers a change it refuses: the status and `message` of its error body. */
export class GitHubFakeRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** People beyond the members: the first few are outside collaborators, the rest merely have accounts. */
const nonMemberAccounts = 50;

/**
 * One organization of the fake: members are the seeded directory's users (so conformance checks read the same
 * truth), plus roles, pending invitations, outside collaborators and teams over it.
 */
export class GitHubFakeOrganizationState {
  readonly organization: FakeOrganization;
  readonly #roles = new Map<string, OrganizationRole>();
  readonly #invitations: FakeInvitation[] = [];
  readonly #teams: FakeTeam[] = [];
  /** The same seed with more people: those past the members have GitHub accounts but are not in the org. */
  readonly #accounts: SeededDirectory;
  #nextInvitationId = 900_000;
  #nextTeamIndex: number;

  constructor(
    readonly directory: SeededDirectory,
    login: string,
    id: number,
    readonly outsideCollaboratorCount: number,
  ) {
    this.#accounts = new SeededDirectory({
      users: directory.seedUserCount + nonMemberAccounts,
      seed: directory.seed,
      domain: directory.domain,
    });
    this.#nextTeamIndex = directory.groupCount;
    for (const group of directory.listGroups({ offset: 0, limit: directory.groupCount }).groups) {
      this.#teams.push(teamFromGroup(group));
    }
    this.organization = {
      login,
      id,
      plan: {
        name: 'business',
        space: 976_562_499,
        private_repos: 999_999,
        seats: directory.seedUserCount + 25,
        filled_seats: directory.seedUserCount,
      },
    };
    // Pending invitations as a real organization has them: one by email, one for an existing account. The
    // latter gets no directory record (unlike later invitations), so the seeded directory stays exactly the
    // member list that conformance compares listings with.
    this.#invitations.push(
      this.#invitation(null, `pending.person@${directory.domain}`, 'direct_member'),
      this.#invitation(directory.seedUserCount + outsideCollaboratorCount, null, 'direct_member'),
    );
  }

  /** Any GitHub account the fake knows, member or not (a removed member still has an account). */
  person(index: number): SeedUser | undefined {
    return this.#accounts.userById(seedId(this.directory.seed, 'user', index));
  }

  /**
   * The person's record in the directory: members and people invited by account, joined by username (an
   * invitee's directory record is created when they are invited, so its directory id differs from theirs).
   */
  #record(person: SeedUser): SeedUser | undefined {
    return this.directory.userByUsername(person.username);
  }

  personByLogin(login: string): SeedUser | undefined {
    const index = indexOfLogin(login);
    const person = index === undefined ? undefined : this.person(index);
    return person && loginOf(person).toLowerCase() === login.toLowerCase() ? person : undefined;
  }

  personById(id: number): SeedUser | undefined {
    const index = personIndexOf(id);
    return index === undefined ? undefined : this.person(index);
  }

  isMember(person: SeedUser): boolean {
    return this.#record(person) !== undefined && this.pendingInvitationOf(person) === undefined;
  }

  roleOf(person: SeedUser): OrganizationRole {
    const record = this.#record(person);
    return (record && this.#roles.get(record.id)) ?? (record?.isAdmin ? 'admin' : 'member');
  }

  twoFactorEnabled(person: SeedUser): boolean {
    return person.index % 5 !== 2;
  }

  members(filter: { role?: string; twoFactorDisabled?: boolean }): SeedUser[] {
    const members: SeedUser[] = [];
    const pending = new Set(
      this.#invitations.map((invitation) => invitation.personIndex).filter((index) => index !== null),
    );
    for (const person of this.directory.iterateUsers()) {
      if (pending.has(indexOfLogin(loginOf(person)) ?? -1)) continue;
      if (filter.role === 'admin' && this.roleOf(person) !== 'admin') continue;
      if (filter.role === 'member' && this.roleOf(person) === 'admin') continue;
      if (filter.twoFactorDisabled && this.twoFactorEnabled(person)) continue;
      members.push(person);
    }
    return members;
  }

  outsideCollaborators(): SeedUser[] {
    const collaborators: SeedUser[] = [];
    for (let offset = 0; offset < this.outsideCollaboratorCount; offset++) {
      collaborators.push(this.person(this.directory.seedUserCount + offset)!);
    }
    return collaborators;
  }

  invitations(): readonly FakeInvitation[] {
    return this.#invitations;
  }

  pendingInvitationOf(person: SeedUser): FakeInvitation | undefined {
    return this.#invitations.find((invitation) => invitation.personIndex === person.index);
  }

  invite(invitee: { person: SeedUser } | { email: string }, role: FakeInvitation['role']): FakeInvitation {
    if ('person' in invitee) {
      if (this.isMember(invitee.person)) {
        throw new GitHubFakeRefusal(422, 'Invitee is already a part of this organization');
      }
      if (this.pendingInvitationOf(invitee.person)) {
        throw new GitHubFakeRefusal(422, 'Invitee has already been invited');
      }
    } else if (this.#invitations.some((invitation) => invitation.email === invitee.email)) {
      throw new GitHubFakeRefusal(422, 'Invitee has already been invited');
    }
    if ('person' in invitee) {
      const { username, email, givenName, familyName } = invitee.person;
      this.directory.createUser({ username, email, givenName, familyName, isAdmin: false });
    }
    const invitation =
      'person' in invitee
        ? this.#invitation(invitee.person.index, null, role)
        : this.#invitation(null, invitee.email, role);
    this.#invitations.push(invitation);
    return invitation;
  }

  /** `DELETE /orgs/{org}/invitations/{invitation_id}`: the invitee's pending record goes with it. */
  cancelInvitation(id: number): void {
    const invitation = this.#invitations.find((candidate) => candidate.id === id);
    if (!invitation) throw new GitHubFakeRefusal(404, 'Not Found');
    const person = invitation.personIndex === null ? undefined : this.person(invitation.personIndex);
    if (person) this.removeMembership(person);
    else this.#invitations.splice(this.#invitations.indexOf(invitation), 1);
  }

  setRole(person: SeedUser, role: OrganizationRole): void {
    if (role !== 'admin' && this.roleOf(person) === 'admin' && this.#isLastOwner(person)) {
      throw new GitHubFakeRefusal(403, 'You cannot demote the last owner of an organization.');
    }
    const record = this.#record(person);
    if (record) this.#roles.set(record.id, role);
  }

  /** `DELETE /orgs/{org}/memberships/{username}`: a member leaves, or a pending invitation is cancelled. */
  removeMembership(person: SeedUser): void {
    const record = this.#record(person);
    const invitation = this.pendingInvitationOf(person);
    if (invitation) this.#invitations.splice(this.#invitations.indexOf(invitation), 1);
    else if (!record) throw new GitHubFakeRefusal(404, 'Not Found');
    else if (this.roleOf(person) === 'admin' && this.#isLastOwner(person)) {
      throw new GitHubFakeRefusal(403, 'You cannot remove the last owner of an organization.');
    }
    if (!record) return;
    for (const team of this.#teams) this.#leaveTeam(team, person);
    this.directory.deleteUser(record.id);
    this.#roles.delete(record.id);
  }

  teams(): readonly FakeTeam[] {
    return this.#teams;
  }

  team(slug: string): FakeTeam | undefined {
    return this.#teams.find((team) => team.slug === slug.toLowerCase());
  }

  createTeam(fields: { name: string; description?: string; privacy?: FakeTeam['privacy'] }): FakeTeam {
    const slug = slugOf(fields.name);
    if (this.team(slug)) throw new GitHubFakeRefusal(422, 'Name must be unique for this org');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const team: FakeTeam = {
      id: teamIdOf(this.#nextTeamIndex++),
      slug,
      name: fields.name,
      description: fields.description ?? null,
      privacy: fields.privacy ?? 'secret',
      createdAt: now,
      updatedAt: now,
      members: new Set(),
    };
    this.#teams.push(team);
    return team;
  }

  updateTeam(team: FakeTeam, fields: { name?: string; description?: string; privacy?: FakeTeam['privacy'] }) {
    if (fields.name !== undefined) {
      const slug = slugOf(fields.name);
      const holder = this.team(slug);
      if (holder && holder !== team) throw new GitHubFakeRefusal(422, 'Name must be unique for this org');
      team.name = fields.name;
      team.slug = slug;
    }
    if (fields.description !== undefined) team.description = fields.description;
    if (fields.privacy !== undefined) team.privacy = fields.privacy;
    team.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  deleteTeam(team: FakeTeam): void {
    for (const member of this.teamMembers(team)) this.#leaveTeam(team, this.personOf(member));
    this.#teams.splice(this.#teams.indexOf(team), 1);
  }

  teamMembers(team: FakeTeam): SeedUser[] {
    const ids =
      team.groupId === undefined ? [...(team.members ?? [])] : this.directory.memberIdsOfGroup(team.groupId);
    return ids
      .map((id) => this.directory.userById(id))
      .filter((user): user is SeedUser => user !== undefined);
  }

  isTeamMember(team: FakeTeam, person: SeedUser): boolean {
    const record = this.#record(person);
    if (!record) return false;
    return team.groupId === undefined
      ? (team.members?.has(record.id) ?? false)
      : this.directory.isMember(team.groupId, record.id);
  }

  /** Only organization members join teams here; GitHub would invite anyone else to the organization. */
  joinTeam(team: FakeTeam, person: SeedUser): void {
    if (!this.isMember(person)) {
      throw new GitHubFakeRefusal(422, 'Only organization members can be added to a team in this fake.');
    }
    const record = this.#record(person)!;
    if (team.groupId === undefined) team.members?.add(record.id);
    else this.directory.addMember(team.groupId, record.id);
  }

  /** GitHub answers 404 when the user is not on the team. */
  removeFromTeam(team: FakeTeam, person: SeedUser): void {
    if (!this.isTeamMember(team, person)) throw new GitHubFakeRefusal(404, 'Not Found');
    this.#leaveTeam(team, person);
  }

  #leaveTeam(team: FakeTeam, person: SeedUser): void {
    const record = this.#record(person);
    if (!record) return;
    if (team.groupId === undefined) team.members?.delete(record.id);
    else if (this.directory.isMember(team.groupId, record.id))
      this.directory.removeMember(team.groupId, record.id);
  }

  /** The account behind a directory record (the record of an invitee has its own directory id). */
  personOf(record: SeedUser): SeedUser {
    return this.personByLogin(loginOf(record)) ?? record;
  }

  #isLastOwner(person: SeedUser): boolean {
    return this.members({ role: 'admin' }).every((owner) => owner.username === person.username);
  }

  #invitation(
    personIndex: number | null,
    email: string | null,
    role: FakeInvitation['role'],
  ): FakeInvitation {
    return {
      id: this.#nextInvitationId++,
      personIndex,
      email,
      role,
      createdAt: '2026-01-05T09:00:00Z',
      inviterIndex: 0,
    };
  }
}

import { SeededDirectory, seedId } from '@unidir/testkit';
import { runConnectorConformance } from '@unidir/testkit/conformance';
import { createGitHubConnector } from './github-connector.js';
import { startGitHubFake } from './testing/github-fake.js';
import { indexOfLogin, loginOf, personIdOf, slugOf } from './testing/github-fake-records.js';

const token = 'ghp_conformanceTokenZq8vB3nK1xW7pL0s';
const organization = 'conformance-org';
const seededUsers = 23;

/** A GitHub account that is not a member (past the seeded members and the outside collaborators). */
const invitee = new SeededDirectory({ users: seededUsers + 10 }).userById(
  seedId(1, 'user', seededUsers + 8),
)!;

runConnectorConformance({
  connector: createGitHubConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  users: seededUsers,
  fixture: {
    async start({ users }) {
      const fake = await startGitHubFake({ users, organization, personalAccessToken: token });
      return {
        account: { credentials: fake.credentials, settings: fake.settings },
        server: fake.server,
        directory: fake.directory,
        // A directory record's login ends with the account's index, also for people invited later.
        unifiedIds: {
          user: (user) => String(personIdOf(indexOfLogin(loginOf(user))!)),
          group: (group) => `${organization}/${slugOf(group.name)}`,
        },
        close: fake.close,
      };
    },
  },
  deleteScenarios: [
    {
      name: 'default: remove from the only organization',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/user/${userId}` },
        { method: 'DELETE', path: `/orgs/${organization}/memberships/${loginOfId(userId)}` },
      ],
      userRemains: false,
    },
    {
      name: 'organization_id',
      parameters: () => ({ organization_id: organization }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/user/${userId}` },
        { method: 'DELETE', path: `/orgs/${organization}/memberships/${loginOfId(userId)}` },
      ],
      userRemains: false,
    },
    {
      name: 'remove_from=organization',
      parameters: () => ({ remove_from: 'organization', remove_from_id: organization }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/user/${userId}` },
        { method: 'DELETE', path: `/orgs/${organization}/memberships/${loginOfId(userId)}` },
      ],
      userRemains: false,
    },
    {
      name: 'remove_from=group',
      parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'GET', path: `/user/${userId}` },
        {
          method: 'DELETE',
          path: `/orgs/${groupId.replace('/', '/teams/')}/memberships/${loginOfId(userId)}`,
        },
      ],
      userRemains: true,
    },
    {
      name: 'group_id',
      parameters: ({ groupId }) => ({ group_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'GET', path: `/user/${userId}` },
        {
          method: 'DELETE',
          path: `/orgs/${groupId.replace('/', '/teams/')}/memberships/${loginOfId(userId)}`,
        },
      ],
      userRemains: true,
    },
    {
      name: 'user_type=end_user (verified by a membership read, then removal)',
      parameters: () => ({ user_type: 'end_user', permanent: false }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/user/${userId}` },
        { method: 'GET', path: `/orgs/${organization}/memberships/${loginOfId(userId)}` },
        { method: 'DELETE', path: `/orgs/${organization}/memberships/${loginOfId(userId)}` },
      ],
      userRemains: false,
    },
  ],
  refusedDeleteParameters: [
    { permanent: true },
    { remove_from: 'group' },
    { remove_from: 'organization' },
    { remove_from_id: `${organization}/engineering-1` },
    { remove_from: 'organization', remove_from_id: 'another-org' },
    { organization_id: 'another-org' },
    { remove_from: 'group', remove_from_id: `${organization}/engineering-1`, organization_id: 'another-org' },
    { workspace_id: 'workspace-1' },
    { emails: [{ email: 'someone@unidir.test' }] },
    { product: 'workspace' },
  ],
  createUserBody: { username: loginOf(invitee), user_type: 'end_user' },
  updateUserBody: { user_type: 'admin' },
  createGroupBody: { name: 'Conformance Team', description: 'Made by the conformance suite' },
  membershipCalls: {
    addUser: ({ userId, groupId }) => [
      { method: 'GET', path: `/user/${userId}` },
      { method: 'GET', path: `/orgs/${groupId.split('/')[0]}/memberships/${loginOfId(userId)}` },
      { method: 'PUT', path: `/orgs/${groupId.replace('/', '/teams/')}/memberships/${loginOfId(userId)}` },
    ],
    removeUser: ({ userId, groupId }) => [
      { method: 'GET', path: `/user/${userId}` },
      { method: 'DELETE', path: `/orgs/${groupId.replace('/', '/teams/')}/memberships/${loginOfId(userId)}` },
    ],
    routes: { addUser: 'team_memberships.set', removeUser: 'team_memberships.delete' },
  },
  routes: { listUsers: 'members.list', getUser: 'memberships.get', deleteUser: 'memberships.delete' },
  secrets: [token],
});

/** The seeded login behind an account id, as the fake derives both from the seed index. */
function loginOfId(userId: string): string {
  const index = Number(userId) - personIdOf(0);
  return loginOf(new SeededDirectory({ users: index + 1 }).userById(seedId(1, 'user', index))!);
}

import { mapGraphUser } from '@unidir/connector-azure-ad';
import { mapGitHubUser } from '@unidir/connector-github';
import { mapGoogleUser } from '@unidir/connector-google-workspace';
import { mapOktaUser } from '@unidir/connector-okta';
import { mapScimUser } from '@unidir/connector-scim';
import { mapSlackUser } from '@unidir/connector-slack';
import { usersOfPage } from '../provider-direct.js';
import { azureAdUserPageJsonata } from './azure-ad-jsonata-mapping.js';
import { gitHubMemberPageJsonata } from './github-jsonata-mapping.js';
import { googleWorkspaceUserPageJsonata } from './google-workspace-jsonata-mapping.js';
import type { MappingSubject } from './mapping-benchmarks.js';
import { oktaUserPageJsonata } from './okta-jsonata-mapping.js';
import { scimUserPageJsonata } from './scim-jsonata-mapping.js';
import { slackUserPageJsonata } from './slack-jsonata-mapping.js';

/** The users of a page of unidir's raw format: the provider's records as the connector read them. */
const usersOfRawPage = (page: unknown) => (page as { result: unknown[] }).result;

/**
 * What GitHub's members list tells of each member's standing (active in the organization, role not read);
 * the organization's name only fills the output, so both mappings take the same constant.
 */
const gitHubStanding = { organization: 'bench-organization', state: 'active' } as const;

/** M4: each connector's own mapping function beside its JSONata twin. */
export const mappingSubjects: readonly MappingSubject[] = [
  {
    connector: 'azure-ad',
    label: 'Azure AD (Graph)',
    pagesFrom: 'provider',
    usersOf: (page) => usersOfPage('azure-ad', page),
    mapUser: mapGraphUser,
    jsonataExpression: azureAdUserPageJsonata,
    goal: { usersPerSecond: 500_000, ratioOverJsonata: 10 },
  },
  {
    connector: 'google-workspace',
    label: 'Google Workspace',
    pagesFrom: 'provider',
    usersOf: (page) => usersOfPage('google-workspace', page),
    mapUser: mapGoogleUser,
    jsonataExpression: googleWorkspaceUserPageJsonata,
  },
  {
    connector: 'okta',
    label: 'Okta',
    pagesFrom: 'unidir-raw',
    usersOf: usersOfRawPage,
    mapUser: mapOktaUser,
    jsonataExpression: oktaUserPageJsonata,
  },
  {
    connector: 'github',
    label: 'GitHub',
    pagesFrom: 'unidir-raw',
    usersOf: usersOfRawPage,
    mapUser: (user: Parameters<typeof mapGitHubUser>[0]) => mapGitHubUser(user, [gitHubStanding]),
    jsonataExpression: gitHubMemberPageJsonata(gitHubStanding.organization),
  },
  {
    connector: 'slack',
    label: 'Slack',
    pagesFrom: 'unidir-raw',
    usersOf: usersOfRawPage,
    mapUser: mapSlackUser,
    jsonataExpression: slackUserPageJsonata,
  },
  {
    connector: 'scim',
    label: 'SCIM',
    pagesFrom: 'unidir-raw',
    usersOf: usersOfRawPage,
    mapUser: mapScimUser,
    jsonataExpression: scimUserPageJsonata,
  },
];

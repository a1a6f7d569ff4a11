import { mapGraphUser } from '@unidir/connector-azure-ad';
import { mapGoogleUser } from '@unidir/connector-google-workspace';
import { mapScimUser } from '@unidir/connector-scim';
import { mapSlackUser } from '@unidir/connector-slack';
import { usersOfPage } from '../provider-direct.js';
import { azureAdUserPageJsonata } from './azure-ad-jsonata-mapping.js';
import { googleWorkspaceUserPageJsonata } from './google-workspace-jsonata-mapping.js';
import type { MappingSubject } from './mapping-benchmarks.js';
import { scimUserPageJsonata } from './scim-jsonata-mapping.js';
import { slackUserPageJsonata } from './slack-jsonata-mapping.js';

/** The users of a page of unidir's raw format: the provider's records as the connector read them. */
const usersOfRawPage = (page: unknown) => (page as { result: unknown[] }).result;

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

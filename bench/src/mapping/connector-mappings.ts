import { mapGraphUser } from '@unidir/connector-azure-ad';
import { mapGoogleUser } from '@unidir/connector-google-workspace';
import { usersOfPage } from '../provider-direct.js';
import { azureAdUserPageJsonata } from './azure-ad-jsonata-mapping.js';
import { googleWorkspaceUserPageJsonata } from './google-workspace-jsonata-mapping.js';
import type { MappingSubject } from './mapping-benchmarks.js';

/** M4: each connector's own mapping function beside its JSONata twin. */
export const mappingSubjects: readonly MappingSubject[] = [
  {
    connector: 'azure-ad',
    label: 'Azure AD (Graph)',
    usersOf: (page) => usersOfPage('azure-ad', page),
    mapUser: mapGraphUser,
    jsonataExpression: azureAdUserPageJsonata,
    goal: { usersPerSecond: 500_000, ratioOverJsonata: 10 },
  },
  {
    connector: 'google-workspace',
    label: 'Google Workspace',
    usersOf: (page) => usersOfPage('google-workspace', page),
    mapUser: mapGoogleUser,
    jsonataExpression: googleWorkspaceUserPageJsonata,
  },
];

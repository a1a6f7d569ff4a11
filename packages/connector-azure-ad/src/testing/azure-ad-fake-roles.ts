import { createHash } from 'node:crypto';
import { type FakeRoute, seedId } from '@unidir/testkit';
import { entityCollectionPage, parseEntityQuery } from './azure-ad-fake-entity-query.js';
import { globalAdministratorRole } from './azure-ad-fake-records.js';
import { graphJson, metadataUrl, resourceNotFound } from './azure-ad-fake-responses.js';
import { type FakeTenant, groupsAdministratorRoleId, roleDefinitionRecords } from './azure-ad-fake-tenant.js';
import type { GraphFakeContext } from './azure-ad-fake-users.js';

const userAdministratorRoleId = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
/** Seeded admins are every 97th user (the testkit's rule); each holds Global Administrator. */
const adminEvery = 97;

/** Graph's assignment ids are opaque strings; these are stable per (role, principal), as Graph's are. */
function assignmentId(roleDefinitionId: string, principalId: string): string {
  return `${createHash('sha256').update(`${roleDefinitionId}:${principalId}`).digest('base64url').slice(0, 43)}-1`;
}

function assignment(roleDefinitionId: string, principalId: string): Record<string, unknown> {
  return {
    id: assignmentId(roleDefinitionId, principalId),
    condition: null,
    directoryScopeId: '/',
    principalId,
    roleDefinitionId,
    appScopeId: null,
  };
}

/**
 * The tenant's role assignments by position: the application holds User Administrator, seeded user 1 holds
 * Groups Administrator, then every seeded admin (index 0, 97, 194...) that still exists holds Global Administrator.
 */
function roleAssignments(context: GraphFakeContext, tenant: FakeTenant) {
  const { directory } = context;
  const seededUser = (index: number) =>
    index < directory.seedUserCount ? directory.userById(seedId(directory.seed, 'user', index)) : undefined;
  return (offset: number, limit: number): Array<Record<string, unknown>> => {
    const fixed = [assignment(userAdministratorRoleId, tenant.servicePrincipalId)];
    const secondUser = seededUser(1);
    if (secondUser) fixed.push(assignment(groupsAdministratorRoleId, secondUser.id));
    const admins: Array<Record<string, unknown>> = [];
    for (let index = 0; index < directory.seedUserCount; index += adminEvery) {
      const user = seededUser(index);
      if (user?.isAdmin) admins.push(assignment(globalAdministratorRole.roleTemplateId, user.id));
    }
    return [...fixed, ...admins].slice(offset, offset + limit);
  };
}

/** `/roleManagement/directory/roleDefinitions` and `/roleAssignments` (unifiedRoleDefinition, unifiedRoleAssignment). */
export function roleRoutes(context: GraphFakeContext, tenant: FakeTenant): FakeRoute[] {
  const definitionById = (id: string) => roleDefinitionRecords.find((role) => role.id === id);
  /** An expanded principal is a directory object of its own type: a user or the application's service principal. */
  const principalOf = (id: string): Record<string, unknown> | null => {
    if (id === tenant.servicePrincipalId) {
      return { '@odata.type': '#microsoft.graph.servicePrincipal', id, displayName: tenant.applicationName };
    }
    const user = context.directory.userById(id);
    return user ? { '@odata.type': '#microsoft.graph.user', id, displayName: user.displayName } : null;
  };
  return [
    {
      name: 'roleDefinitions.list',
      method: 'GET',
      pattern: '/v1.0/roleManagement/directory/roleDefinitions',
      handle(request) {
        const parsed = parseEntityQuery(request, {
          entityName: 'microsoft.graph.unifiedRoleDefinition',
          filterable: { displayName: ['eq'], templateId: ['eq'], id: ['eq'] },
        });
        if (!parsed.ok) return parsed.response;
        return entityCollectionPage(request, {
          query: parsed.query,
          fragment: 'roleManagement/directory/roleDefinitions',
          fetch: (offset, limit) => roleDefinitionRecords.slice(offset, offset + limit),
        });
      },
    },
    {
      name: 'roleDefinitions.get',
      method: 'GET',
      pattern: '/v1.0/roleManagement/directory/roleDefinitions/:id',
      handle(request) {
        const role = definitionById(request.params.id!);
        if (!role) return resourceNotFound(request, request.params.id!);
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'roleManagement/directory/roleDefinitions/$entity'),
          ...role,
        });
      },
    },
    {
      name: 'roleAssignments.list',
      method: 'GET',
      pattern: '/v1.0/roleManagement/directory/roleAssignments',
      handle(request) {
        const parsed = parseEntityQuery(request, {
          entityName: 'microsoft.graph.unifiedRoleAssignment',
          filterable: { principalId: ['eq'], roleDefinitionId: ['eq'], directoryScopeId: ['eq'] },
          expandable: ['roleDefinition', 'principal'],
          // Graph pages role assignments itself; the connector never sends $top here.
          defaultTop: 100,
        });
        if (!parsed.ok) return parsed.response;
        const { expand } = parsed.query;
        const render = (record: Record<string, unknown>) => {
          const rendered = { ...record };
          if (expand.includes('roleDefinition')) {
            rendered.roleDefinition = definitionById(String(record.roleDefinitionId)) ?? null;
          }
          if (expand.includes('principal')) rendered.principal = principalOf(String(record.principalId));
          return rendered;
        };
        return entityCollectionPage(request, {
          query: parsed.query,
          fragment: 'roleManagement/directory/roleAssignments',
          fetch: roleAssignments(context, tenant),
          render,
        });
      },
    },
  ];
}

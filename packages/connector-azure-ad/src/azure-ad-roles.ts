import { mergeRemoteQuery } from '@unidir/connector-utils';
import type {
  GetResourceParameters,
  ListResult,
  ListRoleAssignmentsParameters,
  ListRolesParameters,
  OperationContext,
  RecordResult,
  UnifiedRole,
  UnifiedRoleAssignment,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { listGraphCollection, odataString, reservedCollectionQuery } from './azure-ad-collection.js';
import { asEntity } from './azure-ad-graph-response.js';

type Context = OperationContext<AzureAdClient>;

/** A `microsoft.graph.unifiedRoleDefinition`: a built-in role (id = its template id) or a custom one. */
export interface GraphRoleDefinition {
  id: string;
  displayName?: string | null;
  description?: string | null;
  [property: string]: unknown;
}

/** A `microsoft.graph.unifiedRoleAssignment`, with its principal expanded to tell users from groups. */
export interface GraphRoleAssignment {
  id: string;
  principalId?: string | null;
  roleDefinitionId?: string | null;
  directoryScopeId?: string | null;
  principal?: { '@odata.type'?: string; id?: string } | null;
  roleDefinition?: GraphRoleDefinition | null;
  [property: string]: unknown;
}

const roleDefinitionsPath = ['roleManagement', 'directory', 'roleDefinitions'];
const roleAssignmentsPath = ['roleManagement', 'directory', 'roleAssignments'];

export function mapRoleDefinition(role: GraphRoleDefinition): UnifiedRole {
  const unified: UnifiedRole = { id: role.id };
  if (role.displayName) unified.name = role.displayName;
  if (role.description) unified.description = role.description;
  unified.remote_data = role;
  return unified;
}

function roleRecord(role: GraphRoleDefinition): RecordResult<UnifiedRole> {
  return { unified: mapRoleDefinition(role), raw: role };
}

/** A principal is a user, a role-assignable group or a service principal; only the first two have a unified field. */
export function mapRoleAssignment(assignment: GraphRoleAssignment): UnifiedRoleAssignment {
  const unified: UnifiedRoleAssignment = { id: assignment.id, role_id: assignment.roleDefinitionId ?? '' };
  const principalType = assignment.principal?.['@odata.type'];
  if (assignment.principalId) {
    if (principalType === '#microsoft.graph.user') unified.user_id = assignment.principalId;
    else if (principalType === '#microsoft.graph.group') unified.group_id = assignment.principalId;
  }
  if (assignment.directoryScopeId) unified.scope = assignment.directoryScopeId;
  unified.remote_data = assignment;
  return unified;
}

/** The `$filter` of the unified filters: principalId and roleDefinitionId, both `eq`, as Graph documents them. */
function assignmentFilter(parameters: { user_id?: string; role_id?: string }): string | undefined {
  const clauses: string[] = [];
  if (parameters.user_id !== undefined) clauses.push(`principalId eq ${odataString(parameters.user_id)}`);
  if (parameters.role_id !== undefined)
    clauses.push(`roleDefinitionId eq ${odataString(parameters.role_id)}`);
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

/**
 * Every role the tenant can grant, from the directory's role definitions (built-in and custom), 1 request per
 * page. With user_id: the roles assigned to that user directly, from its role assignments with the role
 * definition expanded (1 request per page).
 */
export async function listRoles(
  parameters: ListRolesParameters,
  context: Context,
): Promise<ListResult<UnifiedRole>> {
  if (parameters.user_id !== undefined) {
    const userId = parameters.user_id;
    return listGraphCollection<GraphRoleAssignment, UnifiedRole>(
      {
        collection: 'roles of user',
        cursor: parameters.cursor,
        first: () => ({
          method: 'GET',
          path: roleAssignmentsPath,
          query: mergeRemoteQuery(
            { $filter: assignmentFilter({ user_id: userId }), $expand: 'roleDefinition' },
            context.remoteQuery,
            reservedCollectionQuery,
          ),
          description: 'list role assignments of user',
        }),
        toRecords: (assignments) => {
          const roles = new Map<string, GraphRoleDefinition>();
          for (const assignment of assignments) {
            const role = assignment.roleDefinition;
            if (role) roles.set(role.id, role);
          }
          return [...roles.values()].map(roleRecord);
        },
      },
      context,
    );
  }
  return listGraphCollection<GraphRoleDefinition, UnifiedRole>(
    {
      collection: 'roles',
      cursor: parameters.cursor,
      first: () => ({
        method: 'GET',
        path: roleDefinitionsPath,
        query: mergeRemoteQuery({}, context.remoteQuery, reservedCollectionQuery),
        description: 'list role definitions',
      }),
      toRecords: (roles) => roles.map(roleRecord),
    },
    context,
  );
}

export async function getRole(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedRole>> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: [...roleDefinitionsPath, parameters.id],
      query: mergeRemoteQuery({}, parameters.remote_query, reservedCollectionQuery),
      description: 'get role definition',
    },
    context,
  );
  return roleRecord(asEntity<GraphRoleDefinition>(response.body, 'get role definition'));
}

/** GET /roleManagement/directory/roleAssignments with the principal expanded: 1 request per page. */
export async function listRoleAssignments(
  parameters: ListRoleAssignmentsParameters,
  context: Context,
): Promise<ListResult<UnifiedRoleAssignment>> {
  return listGraphCollection<GraphRoleAssignment, UnifiedRoleAssignment>(
    {
      collection: 'role assignments',
      cursor: parameters.cursor,
      first: () => ({
        method: 'GET',
        path: roleAssignmentsPath,
        query: mergeRemoteQuery(
          { $filter: assignmentFilter(parameters), $expand: 'principal' },
          context.remoteQuery,
          reservedCollectionQuery,
        ),
        description: 'list role assignments',
      }),
      toRecords: (assignments) =>
        assignments.map((assignment) => ({ unified: mapRoleAssignment(assignment), raw: assignment })),
    },
    context,
  );
}

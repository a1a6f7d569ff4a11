import { decodeCursor, encodeCursor } from '@unidir/connector-utils';
import {
  type GetResourceParameters,
  type ListResult,
  type ListRoleAssignmentsParameters,
  type ListRolesParameters,
  type OperationContext,
  type RecordResult,
  type UnifiedRole,
  type UnifiedRoleAssignment,
  ValidationError,
} from '@unidir/core';
import { z } from 'zod';
import type { OktaClient } from './okta-client.js';
import { roleIdOf } from './okta-mapping.js';
import { asObject } from './okta-response.js';
import {
  mapOktaCustomRole,
  mapOktaRoleAssignment,
  mapOktaStandardRole,
  type OktaCustomRole,
  oktaStandardRoles,
} from './okta-role-mapping.js';
import { oktaConnectorId } from './okta-settings.js';
import { fetchUserRoles } from './okta-users.js';

type Context = OperationContext<OktaClient>;

interface IamRolesPage {
  roles?: OktaCustomRole[];
  _links?: { next?: { href?: string } };
}

const rolesCursorSchema = z.union([
  z.object({ standard: z.number().int().nonnegative() }),
  z.object({ custom: z.literal(true) }),
  z.object({ roles: z.url() }),
]);
const defaultRolePageSize = 50;

function standardRoleRecords(): Array<RecordResult<UnifiedRole>> {
  return oktaStandardRoles.map((role) => ({ unified: mapOktaStandardRole(role), raw: { type: role.id } }));
}

/**
 * Without user_id: Okta's standard admin roles (a fixed catalogue, no request) then the org's custom roles
 * (GET /iam/roles, 1 request per page). With user_id: the roles the user is assigned (GET /users/{id}/roles).
 */
export async function listRoles(
  parameters: ListRolesParameters,
  context: Context,
): Promise<ListResult<UnifiedRole>> {
  if (parameters.user_id !== undefined) {
    const assignments = await fetchUserRoles(parameters.user_id, context);
    const records = assignments.map((assignment) => {
      const standard = oktaStandardRoles.find((role) => role.id === assignment.type);
      const unified: UnifiedRole = standard ? mapOktaStandardRole(standard) : { id: roleIdOf(assignment) };
      if (!standard && assignment.label) unified.name = assignment.label;
      unified.remote_data = assignment;
      return { unified, raw: assignment };
    });
    return { records, nextCursor: null };
  }
  const limit = parameters.limit ?? defaultRolePageSize;
  const state = parameters.cursor
    ? decodeCursor(oktaConnectorId, parameters.cursor, rolesCursorSchema)
    : { standard: 0 };
  if ('standard' in state) {
    // The standard roles are a fixed catalogue: served page by page with no request, then the custom ones.
    const end = state.standard + limit;
    const standard = standardRoleRecords().slice(state.standard, end);
    const next = end < oktaStandardRoles.length ? { standard: end } : { custom: true as const };
    return { records: standard, nextCursor: encodeCursor(oktaConnectorId, next) };
  }
  const response = await context.client.http.request<IamRolesPage>(
    'roles' in state
      ? { method: 'GET', url: state.roles, description: 'list custom roles (next page)' }
      : { method: 'GET', path: ['iam', 'roles'], query: { limit }, description: 'list custom roles' },
    context,
  );
  const custom = (response.body?.roles ?? []).map((role) => ({
    unified: mapOktaCustomRole(role),
    raw: role,
  }));
  const next = response.body?._links?.next?.href;
  return {
    records: custom.slice(0, limit),
    nextCursor: next ? encodeCursor(oktaConnectorId, { roles: next }) : null,
  };
}

/** A standard role by its type (no request), else a custom role: GET /iam/roles/{id}. */
export async function getRole(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedRole>> {
  const standard = oktaStandardRoles.find((role) => role.id === parameters.id);
  if (standard) return { unified: mapOktaStandardRole(standard), raw: { type: standard.id } };
  const response = await context.client.http.request(
    { method: 'GET', path: ['iam', 'roles', parameters.id], description: 'get custom role' },
    context,
  );
  const role = asObject<OktaCustomRole>(response.body, 'get custom role');
  return { unified: mapOktaCustomRole(role), raw: role };
}

/** One user's admin role assignments (GET /users/{id}/roles): Okta has no org-wide list of them. */
export async function listRoleAssignments(
  parameters: ListRoleAssignmentsParameters,
  context: Context,
): Promise<ListResult<UnifiedRoleAssignment>> {
  if (parameters.user_id === undefined) {
    throw new ValidationError({
      message: 'Okta lists role assignments per user: give user_id.',
      code: 'missing_parameter',
      details: { parameter: 'user_id' },
    });
  }
  const userId = parameters.user_id;
  const assignments = await fetchUserRoles(userId, context);
  const records = assignments
    .filter((assignment) => parameters.role_id === undefined || roleIdOf(assignment) === parameters.role_id)
    .map((assignment) => ({ unified: mapOktaRoleAssignment(assignment, userId), raw: assignment }));
  return { records, nextCursor: null };
}

import { z } from 'zod';
import { unifiedGroupSchema } from './unified-resources.js';
import { timestampSchema, unifiedEmailSchema, unifiedUserSchema } from './unified-user.js';

/**
 * Parameters arrive from query strings as text and from in-process callers as values; each schema
 * accepts both and outputs the typed value.
 */
const booleanParameter = z.preprocess((value) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}, z.boolean());

/** No provider issues an id that starts or ends with whitespace: ` ` or `%20` is a caller's mistake, refused. */
export const identifierSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^\S(?:[\s\S]*\S)?$/, 'an id does not start or end with whitespace');

/** `created_at[gte]=2026-01-01T00:00:00Z`: Truto's comparison operators on a timestamp. */
export const timestampComparisonSchema = z
  .object({
    gt: timestampSchema.optional(),
    gte: timestampSchema.optional(),
    lt: timestampSchema.optional(),
    lte: timestampSchema.optional(),
  })
  .strict()
  .refine((comparison) => Object.keys(comparison).length > 0, 'give at least one of gt, gte, lt, lte');

/** Query parameters passed to the provider untransformed (`remote_query[foo]=bar`). */
export const remoteQuerySchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe(
    'Query parameters passed to the provider untransformed (remote_query[foo]=bar); they never override what the connector sets.',
  );

export const listParametersSchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('The page size; a connector clamps it to what its provider allows.'),
  cursor: z
    .string()
    .max(8192)
    .optional()
    .describe("The opaque cursor from a previous page's `next_cursor`; empty means the first page."),
  remote_query: remoteQuerySchema.optional(),
});

export const listUsersParametersSchema = listParametersSchema.extend({
  email: z
    .string()
    .min(3)
    .max(320)
    .optional()
    .describe('Only the user with this email address (primary or alias, as the provider matches).'),
  group_id: identifierSchema.optional().describe('Only members of this group.'),
  workspace_id: identifierSchema.optional().describe('Only members of this workspace.'),
  organization_id: identifierSchema.optional().describe('Only members of this organization.'),
  status: z.string().min(1).optional().describe('Only users with this unified status.'),
  created_at: timestampComparisonSchema.optional().describe('Filter on the creation time.'),
  updated_at: timestampComparisonSchema.optional().describe('Filter on the last update time.'),
  include_deleted: booleanParameter
    .optional()
    .describe('Include users the provider keeps as deleted but restorable.'),
});

export const getUserParametersSchema = z.object({
  id: identifierSchema,
  remote_query: remoteQuerySchema.optional(),
});

/** The writable part of a user: the unified fields a caller may set, plus `remote_data` passed as-is. */
export const userWriteSchema = unifiedUserSchema
  .omit({ id: true, created_at: true, updated_at: true, last_login_at: true, last_active_at: true })
  .extend({
    password: z
      .string()
      .min(1)
      .optional()
      .describe('The initial password, where the provider requires one on create. Never returned or logged.'),
  });

export const createUserParametersSchema = z.object({
  body: userWriteSchema,
  remote_query: remoteQuerySchema.optional(),
});

export const updateUserParametersSchema = z.object({
  id: identifierSchema,
  body: userWriteSchema.partial(),
  remote_query: remoteQuerySchema.optional(),
});

export const removeFromValues = ['group', 'organization'] as const;
export const productValues = ['azure_active_directory', 'workspace'] as const;
export const userTypeValues = ['admin', 'end_user'] as const;

/** Every option of Truto's Delete Users call. What each means is the connector's manifest's to say. */
export const deleteUserParametersSchema = z.object({
  id: identifierSchema,
  remove_from: z
    .enum(removeFromValues)
    .optional()
    .describe('Remove the user from a container instead of deleting the user.'),
  remove_from_id: identifierSchema
    .optional()
    .describe('The ID of the group or organization named by `remove_from`.'),
  group_id: identifierSchema
    .optional()
    .describe('Delete the user from this group (the membership, not the user).'),
  organization_id: identifierSchema.optional().describe('The organization to remove the user from.'),
  workspace_id: identifierSchema.optional().describe('The workspace to remove the user from.'),
  emails: z
    .array(unifiedEmailSchema.extend({ is_primary: booleanParameter.optional() }))
    .max(100)
    .optional()
    .describe(
      'The emails of the user (emails[0][email]=...), for providers that find or delete users by email.',
    ),
  product: z
    .enum(productValues)
    .optional()
    .describe('The sub-product to delete the user from, in multi-product integrations.'),
  user_type: z.enum(userTypeValues).optional().describe('The type of user to delete.'),
  permanent: booleanParameter
    .optional()
    .describe("Delete the user permanently instead of the provider's soft delete."),
  remote_query: remoteQuerySchema.optional(),
});

export const listGroupsParametersSchema = listParametersSchema.extend({
  user_id: identifierSchema.optional().describe('Only groups this user is a member of.'),
});

export const getGroupParametersSchema = z.object({
  id: identifierSchema,
  remote_query: remoteQuerySchema.optional(),
});

/** The writable part of a group: the unified fields a caller may set, plus `remote_data` passed as-is. */
export const groupWriteSchema = unifiedGroupSchema.omit({
  id: true,
  created_at: true,
  updated_at: true,
  member_count: true,
});

export const createGroupParametersSchema = z.object({
  body: groupWriteSchema,
  remote_query: remoteQuerySchema.optional(),
});

export const updateGroupParametersSchema = z.object({
  id: identifierSchema,
  body: groupWriteSchema.partial(),
  remote_query: remoteQuerySchema.optional(),
});

export const deleteGroupParametersSchema = z.object({
  id: identifierSchema,
  remote_query: remoteQuerySchema.optional(),
});

/**
 * `POST /groups/add-user` and `/groups/remove-user`: the body `{group_id, user_id}` arrives as these
 * parameters, beside the query's `remote_query`.
 */
export const groupMembershipParametersSchema = z.object({
  group_id: identifierSchema.describe('The group to add the user to or remove the user from.'),
  user_id: identifierSchema.describe('The user to add or remove.'),
  remote_query: remoteQuerySchema.optional(),
});

/** The get of any resource read by id: roles, licenses, organizations, workspaces. */
export const getResourceParametersSchema = z.object({
  id: identifierSchema,
  remote_query: remoteQuerySchema.optional(),
});

export const listRolesParametersSchema = listParametersSchema.extend({
  user_id: identifierSchema.optional().describe('Only roles this user holds.'),
});

export const listRoleAssignmentsParametersSchema = listParametersSchema.extend({
  user_id: identifierSchema.optional().describe('Only assignments to this user.'),
  role_id: identifierSchema.optional().describe('Only assignments of this role.'),
});

export const listLicensesParametersSchema = listParametersSchema.extend({
  user_id: identifierSchema.optional().describe('Only licenses assigned to this user.'),
});

export const listOrganizationsParametersSchema = listParametersSchema;

export const listWorkspacesParametersSchema = listParametersSchema.extend({
  organization_id: identifierSchema.optional().describe('Only workspaces of this organization.'),
  user_id: identifierSchema.optional().describe('Only workspaces this user belongs to.'),
});

export const listMeParametersSchema = listParametersSchema;

export const listActivitiesParametersSchema = listParametersSchema.extend({
  user_id: identifierSchema
    .optional()
    .describe("Only events performed by, or done to, this user (as the manifest's notes say)."),
  created_at: timestampComparisonSchema.optional().describe('Filter on when the event happened.'),
});

export type TimestampComparison = z.infer<typeof timestampComparisonSchema>;
export type RemoteQuery = z.infer<typeof remoteQuerySchema>;
export type ListUsersParameters = z.infer<typeof listUsersParametersSchema>;
export type GetUserParameters = z.infer<typeof getUserParametersSchema>;
export type UserWrite = z.infer<typeof userWriteSchema>;
export type CreateUserParameters = z.infer<typeof createUserParametersSchema>;
export type UpdateUserParameters = z.infer<typeof updateUserParametersSchema>;
export type DeleteUserParameters = z.infer<typeof deleteUserParametersSchema>;
export type ListGroupsParameters = z.infer<typeof listGroupsParametersSchema>;
export type GetGroupParameters = z.infer<typeof getGroupParametersSchema>;
export type GroupWrite = z.infer<typeof groupWriteSchema>;
export type CreateGroupParameters = z.infer<typeof createGroupParametersSchema>;
export type UpdateGroupParameters = z.infer<typeof updateGroupParametersSchema>;
export type DeleteGroupParameters = z.infer<typeof deleteGroupParametersSchema>;
export type GroupMembershipParameters = z.infer<typeof groupMembershipParametersSchema>;
export type GetResourceParameters = z.infer<typeof getResourceParametersSchema>;
export type ListRolesParameters = z.infer<typeof listRolesParametersSchema>;
export type ListRoleAssignmentsParameters = z.infer<typeof listRoleAssignmentsParametersSchema>;
export type ListLicensesParameters = z.infer<typeof listLicensesParametersSchema>;
export type ListOrganizationsParameters = z.infer<typeof listOrganizationsParametersSchema>;
export type ListWorkspacesParameters = z.infer<typeof listWorkspacesParametersSchema>;
export type ListMeParameters = z.infer<typeof listMeParametersSchema>;
export type ListActivitiesParameters = z.infer<typeof listActivitiesParametersSchema>;

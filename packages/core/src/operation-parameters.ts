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

const identifierParameter = z.string().min(1).max(1024);

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
export const remoteQuerySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const listParametersSchema = z.object({
  /** The page size; a connector clamps it to what its provider allows. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** The opaque cursor from a previous page's `next_cursor`; empty means the first page. */
  cursor: z.string().max(8192).optional(),
  remote_query: remoteQuerySchema.optional(),
});

export const listUsersParametersSchema = listParametersSchema.extend({
  /** Only the user with this email address (primary or alias, as the provider matches). */
  email: z.string().min(3).max(320).optional(),
  /** Only members of this group. */
  group_id: identifierParameter.optional(),
  /** Only members of this workspace. */
  workspace_id: identifierParameter.optional(),
  /** Only members of this organization. */
  organization_id: identifierParameter.optional(),
  /** Only users with this unified status. */
  status: z.string().min(1).optional(),
  /** Filter on the creation time. */
  created_at: timestampComparisonSchema.optional(),
  /** Filter on the last update time. */
  updated_at: timestampComparisonSchema.optional(),
  /** Include users the provider keeps as deleted but restorable. */
  include_deleted: booleanParameter.optional(),
});

export const getUserParametersSchema = z.object({
  id: identifierParameter,
  remote_query: remoteQuerySchema.optional(),
});

/** The writable part of a user: the unified fields a caller may set, plus `remote_data` passed as-is. */
export const userWriteSchema = unifiedUserSchema
  .omit({ id: true, created_at: true, updated_at: true, last_login_at: true, last_active_at: true })
  .extend({
    /** The initial password, where the provider requires one on create. Never returned or logged. */
    password: z.string().min(1).optional(),
  });

export const createUserParametersSchema = z.object({
  body: userWriteSchema,
  remote_query: remoteQuerySchema.optional(),
});

export const updateUserParametersSchema = z.object({
  id: identifierParameter,
  body: userWriteSchema.partial(),
  remote_query: remoteQuerySchema.optional(),
});

export const removeFromValues = ['group', 'organization'] as const;
export const productValues = ['azure_active_directory', 'workspace'] as const;
export const userTypeValues = ['admin', 'end_user'] as const;

/** Every option of Truto's Delete Users call. What each means is the connector's manifest's to say. */
export const deleteUserParametersSchema = z.object({
  id: identifierParameter,
  /** Remove the user from a container instead of deleting the user. */
  remove_from: z.enum(removeFromValues).optional(),
  /** The ID of the group or organization named by `remove_from`. */
  remove_from_id: identifierParameter.optional(),
  /** Delete the user from this group (the membership, not the user). */
  group_id: identifierParameter.optional(),
  /** The organization to remove the user from. */
  organization_id: identifierParameter.optional(),
  /** The workspace to remove the user from. */
  workspace_id: identifierParameter.optional(),
  /** The emails of the user, for providers that delete by email. */
  emails: z
    .array(unifiedEmailSchema.extend({ is_primary: booleanParameter.optional() }))
    .max(100)
    .optional(),
  /** The sub-product to delete the user from, in multi-product integrations. */
  product: z.enum(productValues).optional(),
  /** The type of user to delete. */
  user_type: z.enum(userTypeValues).optional(),
  /** Delete the user permanently instead of the provider's soft delete. */
  permanent: booleanParameter.optional(),
  remote_query: remoteQuerySchema.optional(),
});

export const listGroupsParametersSchema = listParametersSchema.extend({
  /** Only groups this user is a member of. */
  user_id: identifierParameter.optional(),
});

export const getGroupParametersSchema = z.object({
  id: identifierParameter,
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
  id: identifierParameter,
  body: groupWriteSchema.partial(),
  remote_query: remoteQuerySchema.optional(),
});

export const deleteGroupParametersSchema = z.object({
  id: identifierParameter,
  remote_query: remoteQuerySchema.optional(),
});

/**
 * `POST /groups/add-user` and `/groups/remove-user`: the body `{group_id, user_id}` arrives as these
 * parameters, beside the query's `remote_query`.
 */
export const groupMembershipParametersSchema = z.object({
  /** The group to add the user to or remove the user from. */
  group_id: identifierParameter,
  /** The user to add or remove. */
  user_id: identifierParameter,
  remote_query: remoteQuerySchema.optional(),
});

/** The get of any resource read by id: roles, licenses, organizations, workspaces. */
export const getResourceParametersSchema = z.object({
  id: identifierParameter,
  remote_query: remoteQuerySchema.optional(),
});

export const listRolesParametersSchema = listParametersSchema.extend({
  /** Only roles this user holds. */
  user_id: identifierParameter.optional(),
});

export const listRoleAssignmentsParametersSchema = listParametersSchema.extend({
  /** Only assignments to this user. */
  user_id: identifierParameter.optional(),
  /** Only assignments of this role. */
  role_id: identifierParameter.optional(),
});

export const listLicensesParametersSchema = listParametersSchema.extend({
  /** Only licenses assigned to this user. */
  user_id: identifierParameter.optional(),
});

export const listOrganizationsParametersSchema = listParametersSchema;

export const listWorkspacesParametersSchema = listParametersSchema.extend({
  /** Only workspaces of this organization. */
  organization_id: identifierParameter.optional(),
  /** Only workspaces this user belongs to. */
  user_id: identifierParameter.optional(),
});

export const listMeParametersSchema = listParametersSchema;

export const listActivitiesParametersSchema = listParametersSchema.extend({
  /** Only events performed by, or done to, this user (as the manifest's notes say). */
  user_id: identifierParameter.optional(),
  /** Filter on when the event happened. */
  created_at: timestampComparisonSchema.optional(),
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

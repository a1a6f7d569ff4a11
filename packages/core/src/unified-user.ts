import { z } from 'zod';

/** An ISO-8601 timestamp in UTC, e.g. `2026-11-28T03:27:51.000Z`. */
export const timestampSchema = z.iso.datetime({ offset: false });

/** The statuses every connector maps to when the provider's meaning is clear. */
export const unifiedUserStatuses = ['active', 'inactive', 'deleted', 'invited'] as const;

export const unifiedEmailSchema = z.object({
  /** The email address. */
  email: z.string().min(1),
  /** Whether the email address is primary. */
  is_primary: z.boolean().optional(),
  /** The type of email address (work, personal, alias, ...). */
  type: z.string().optional(),
});

export const unifiedPhoneSchema = z.object({
  /** The phone number. */
  number: z.string().min(1),
  /** The extension of the phone number. */
  extension: z.string().optional(),
  /** The type of phone number (work, mobile, home, ...). */
  type: z.string().optional(),
});

export const unifiedUserRoleSchema = z.object({
  /** The unique identifier for a role. */
  id: z.string().optional(),
  /** The name of the role. */
  name: z.string().optional(),
  /** The role of the user in the group, where the user can hold different roles in different groups. */
  group: z.string().optional(),
  /** The role of the user in the organization, where it differs per organization. */
  organization: z.string().optional(),
  /** The role of the user in the workspace, where it differs per workspace. */
  workspace: z.string().optional(),
});

export const unifiedUserGroupSchema = z.object({
  /** The unique identifier for a group. */
  id: z.string(),
  /** The name of the group. */
  name: z.string().optional(),
  /** The unique identifier of the organization to which the group belongs. */
  organization_id: z.string().optional(),
});

export const unifiedUserOrganizationSchema = z.object({
  /** The unique identifier for an organization. */
  id: z.string(),
  /** The name of the organization. */
  name: z.string().optional(),
});

export const unifiedUserWorkspaceSchema = z.object({
  /** The unique identifier for a workspace. */
  id: z.string(),
  /** The name of the workspace. */
  name: z.string().optional(),
});

export const unifiedUserLicenseSchema = z.object({
  /** The unique identifier for a license. */
  id: z.string(),
  /** The name of the license. */
  name: z.string().optional(),
  /** The date and time the user was last active for the license. */
  last_active_at: timestampSchema.optional(),
  /** The unique identifier of the organization to which the license belongs. */
  organization_id: z.string().optional(),
});

export const unifiedUrlSchema = z.object({
  /** The type of URL (profile, blog, ...). */
  type: z.string().optional(),
  /** The URL. */
  url: z.string().min(1),
});

/**
 * A person's account in a directory, as every connector returns it. Field names and meanings follow
 * Truto's unified user-directory API; a field a provider cannot supply is absent, never invented.
 */
export const unifiedUserSchema = z.object({
  /** The unique identifier for a user, as the provider knows it. */
  id: z.string().min(1),
  /** The external identifier for a user. This is set when the SCIM API is being used. */
  external_id: z.string().optional(),
  /** Other identifiers of the user, keyed by kind (e.g. `{ upn: "ada@contoso.com" }`). */
  identifiers: z.record(z.string(), z.string()).optional(),
  /** The first name of the user. */
  first_name: z.string().optional(),
  /** The last name of the user. */
  last_name: z.string().optional(),
  /** The name of the user. */
  name: z.string().optional(),
  /** The title of the user. */
  title: z.string().optional(),
  /** The username of the user. */
  username: z.string().optional(),
  /** The emails of the user. */
  emails: z.array(unifiedEmailSchema).optional(),
  /** The phones of the user. */
  phones: z.array(unifiedPhoneSchema).optional(),
  /** The status of the user; the provider's raw value when no clear mapping is available. */
  status: z.union([z.enum(unifiedUserStatuses), z.string().min(1)]).optional(),
  /** Whether the user's email has been verified. */
  is_email_verified: z.boolean().optional(),
  /** Whether the user has 2FA enabled. */
  is_2fa_enabled: z.boolean().optional(),
  /** The roles of the user. */
  roles: z.array(unifiedUserRoleSchema).optional(),
  /** The groups of the user. */
  groups: z.array(unifiedUserGroupSchema).optional(),
  /** The organizations of the user. */
  organizations: z.array(unifiedUserOrganizationSchema).optional(),
  /** The workspaces of the user. */
  workspaces: z.array(unifiedUserWorkspaceSchema).optional(),
  /** The licenses of the user or the products the user has access to. */
  licenses: z.array(unifiedUserLicenseSchema).optional(),
  /** The URLs of the user. */
  urls: z.array(unifiedUrlSchema).optional(),
  /** The avatar of the user (a URL). */
  avatar: z.string().optional(),
  /** The bio of the user. Usually a short description set by the user about them. */
  bio: z.string().optional(),
  /** The timezone of the user (IANA name where the provider gives one). */
  timezone: z.string().optional(),
  /** The languages preferred by the user (BCP-47 tags where the provider gives them). */
  languages: z.array(z.string()).optional(),
  /** The type of user: `admin`, `end_user`, or the provider's raw value (e.g. `Guest`). */
  user_type: z.string().optional(),
  /** The date and time the user was activated. */
  activated_at: timestampSchema.optional(),
  /** The date and time the user was last active. */
  last_active_at: timestampSchema.optional(),
  /** The date and time the user was last logged in. */
  last_login_at: timestampSchema.optional(),
  /** The date and time the user's status was last changed. */
  status_changed_at: timestampSchema.optional(),
  /** The date and time the user was created. */
  created_at: timestampSchema.optional(),
  /** The date and time the user was last updated. */
  updated_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: z.record(z.string(), z.unknown()).optional(),
});

export type UnifiedUser = z.infer<typeof unifiedUserSchema>;
export type UnifiedUserStatus = (typeof unifiedUserStatuses)[number];
export type UnifiedEmail = z.infer<typeof unifiedEmailSchema>;
export type UnifiedPhone = z.infer<typeof unifiedPhoneSchema>;

/** Every top-level field name of `UnifiedUser`, in the seed page's order of meaning. */
export const unifiedUserFields = Object.keys(unifiedUserSchema.shape) as Array<keyof UnifiedUser>;

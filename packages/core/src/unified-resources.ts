import { z } from 'zod';
import { timestampSchema } from './unified-user.js';

const remoteDataSchema = z.record(z.string(), z.unknown());

/** A group, team or department that users belong to. */
export const unifiedGroupSchema = z.object({
  /** The unique identifier for a group. */
  id: z.string().min(1),
  /** The name of the group. */
  name: z.string().optional(),
  /** The description of the group. */
  description: z.string().optional(),
  /** What kind of grouping this is: `team`, `department`, `group`, or the provider's raw value. */
  group_type: z.string().optional(),
  /** The unique identifier of the organization the group belongs to. */
  organization_id: z.string().optional(),
  /** The emails of the group (distribution address, aliases). */
  emails: z.array(z.object({ email: z.string(), type: z.string().optional() })).optional(),
  /** The number of direct members, where the provider reports it. */
  member_count: z.number().int().nonnegative().optional(),
  /** The date and time the group was created. */
  created_at: timestampSchema.optional(),
  /** The date and time the group was last updated. */
  updated_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

/** The top-level entity users are associated with (a tenant, an account, a GitHub organization). */
export const unifiedOrganizationSchema = z.object({
  /** The unique identifier for an organization. */
  id: z.string().min(1),
  /** The name of the organization. */
  name: z.string().optional(),
  /** The date and time the organization was created. */
  created_at: timestampSchema.optional(),
  /** The date and time the organization was last updated. */
  updated_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

/** A team, workspace or project, in apps that have them. */
export const unifiedWorkspaceSchema = z.object({
  /** The unique identifier for a workspace. */
  id: z.string().min(1),
  /** The name of the workspace. */
  name: z.string().optional(),
  /** The unique identifier of the organization the workspace belongs to. */
  organization_id: z.string().optional(),
  /** The date and time the workspace was created. */
  created_at: timestampSchema.optional(),
  /** The date and time the workspace was last updated. */
  updated_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

/** A role that can be granted to users. */
export const unifiedRoleSchema = z.object({
  /** The unique identifier for a role. */
  id: z.string().min(1),
  /** The name of the role. */
  name: z.string().optional(),
  /** The description of the role. */
  description: z.string().optional(),
  /** The date and time the role was created. */
  created_at: timestampSchema.optional(),
  /** The date and time the role was last updated. */
  updated_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

/** A license, seat or product subscription that users can be assigned. */
export const unifiedLicenseSchema = z.object({
  /** The unique identifier for a license. */
  id: z.string().min(1),
  /** The name of the license. */
  name: z.string().optional(),
  /** How many seats the license has in all, where the provider reports it. */
  total_seats: z.number().int().nonnegative().optional(),
  /** How many seats are assigned, where the provider reports it. */
  used_seats: z.number().int().nonnegative().optional(),
  /** The unique identifier of the organization the license belongs to. */
  organization_id: z.string().optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

export type UnifiedGroup = z.infer<typeof unifiedGroupSchema>;
export type UnifiedOrganization = z.infer<typeof unifiedOrganizationSchema>;
export type UnifiedWorkspace = z.infer<typeof unifiedWorkspaceSchema>;
export type UnifiedRole = z.infer<typeof unifiedRoleSchema>;
export type UnifiedLicense = z.infer<typeof unifiedLicenseSchema>;

/** Who holds which role: one user (or group) granted one role, optionally within a scope. */
export const unifiedRoleAssignmentSchema = z.object({
  /** The unique identifier of the assignment (the provider's, or `<role id>:<principal id>` where it has none). */
  id: z.string().min(1),
  /** The role granted. */
  role_id: z.string().min(1),
  /** The user who holds the role, when it is granted to a user. */
  user_id: z.string().optional(),
  /** The group that holds the role, when it is granted to a group. */
  group_id: z.string().optional(),
  /** Where the role applies (a directory scope, an org unit, a workspace), as the provider names it. */
  scope: z.string().optional(),
  /** The date and time the role was granted. */
  created_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

const activityPartySchema = z.object({
  /** The unique identifier of the actor or entity. */
  id: z.string().optional(),
  /** Its display name. */
  name: z.string().optional(),
  /** Its email address, for people. */
  email: z.string().optional(),
  /** What it is: `user`, `application`, `group`, or the provider's raw value. */
  type: z.string().optional(),
});

/** One audit event: who did what to which entity, and when. */
export const unifiedActivitySchema = z.object({
  /** The unique identifier of the event. */
  id: z.string().min(1),
  /** Who performed the action. */
  actor: activityPartySchema.optional(),
  /** The action as the provider names it (e.g. `Delete user`, `CHANGE_PASSWORD`). */
  action: z.string().optional(),
  /** What the action was performed on. */
  entity: activityPartySchema.optional(),
  /** The type of `entity`, as the provider names it. */
  entity_type: z.string().optional(),
  /** A human-readable description, where the provider gives one. */
  description: z.string().optional(),
  /** The organization the event belongs to. */
  organization_id: z.string().optional(),
  /** The group the event concerns, where there is one. */
  group_id: z.string().optional(),
  /** Whether the action succeeded, as the provider reports it (`success`, `failure`, or its raw value). */
  result: z.string().optional(),
  /** When the event happened. */
  created_at: timestampSchema.optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

/** The identity an integrated account acts as: a user, a service account or an application. */
export const unifiedMeSchema = z.object({
  /** The unique identifier of the identity. */
  id: z.string().min(1),
  /** Its display name. */
  name: z.string().optional(),
  /** The username or login it signs in with. */
  username: z.string().optional(),
  /** Its email addresses. */
  emails: z.array(z.object({ email: z.string(), type: z.string().optional() })).optional(),
  /** `user`, `service_account` or `application`. */
  identity_type: z.string().optional(),
  /** The organization (tenant, customer, org) the account belongs to. */
  organization_id: z.string().optional(),
  /** The organization's name. */
  organization_name: z.string().optional(),
  /** Raw data returned from the remote API call. */
  remote_data: remoteDataSchema.optional(),
});

export type UnifiedRoleAssignment = z.infer<typeof unifiedRoleAssignmentSchema>;
export type UnifiedActivity = z.infer<typeof unifiedActivitySchema>;
export type UnifiedMe = z.infer<typeof unifiedMeSchema>;

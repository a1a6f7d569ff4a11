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

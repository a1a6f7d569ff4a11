import { z } from 'zod';
import { maximumSandboxUsers } from './sandbox-manager.js';

const jsonObject = z.record(z.string(), z.unknown());

export const createAccountInputSchema = z
  .object({
    integration: z.string().min(1).max(100),
    label: z.string().max(200).optional(),
    credentials: jsonObject.optional(),
    settings: jsonObject.optional(),
    /** An account backed by the connector's in-process fake with seeded data. */
    sandbox: z.boolean().optional(),
    /** How many users the sandbox seeds (default 200). */
    sandbox_users: z.number().int().min(1).max(maximumSandboxUsers).optional(),
  })
  .strict();

export const updateAccountInputSchema = z
  .object({
    label: z.string().max(200).nullable().optional(),
    /** Replaces the stored credentials entirely; also clears a `needs_reauth` status. */
    credentials: jsonObject.optional(),
    /** Replaces the stored settings entirely. */
    settings: jsonObject.optional(),
  })
  .strict();

export type CreateAccountInput = z.infer<typeof createAccountInputSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountInputSchema>;

/** zod issues as `{ path, message }`, never the rejected values (they may be secrets). */
export function describeIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

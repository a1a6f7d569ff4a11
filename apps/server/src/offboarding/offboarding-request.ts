import { ValidationError } from '@unidir/core';
import { z } from 'zod';

/** A run names at most this many accounts; larger estates are several runs. */
export const maximumAccountsPerRun = 1000;

const identifier = z.string().min(1).max(255);
const actionName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/)
  .describe('An action name (`soft_delete`, `deactivate`, `suspend`, `permanent_delete`, ...).');

/**
 * Names that are not delete options but the runtime's or the run's own: `dry_run` in an account's options
 * would turn the act into a plan that reads as done.
 */
const reservedOptionNames = new Set([
  'id',
  'integrated_account_id',
  'dry_run',
  'truto_response_format',
  'response_format',
  'truto_ignore_remote_data',
  'ignore_remote_data',
  'truto_exclude_fields',
  'exclude_fields',
]);

const deleteOptions = z
  .record(z.string(), z.unknown())
  .refine((options) => Object.keys(options).every((name) => !reservedOptionNames.has(name)), {
    message: `Delete options cannot set ${[...reservedOptionNames].join(', ')} (use dry_run at the top level).`,
  });

export const createOffboardingSchema = z
  .object({
    person: z
      .union([
        z.object({ emails: z.array(z.email().max(320)).min(1).max(10) }).strict(),
        z.object({ accounts: z.record(identifier, identifier) }).strict(),
      ])
      .describe(
        'Who leaves: their emails (resolved in each account), or the user id in each account (`{accounts: {<account id>: <user id>}}`).',
      ),
    integrated_account_ids: z
      .array(identifier)
      .min(1)
      .max(maximumAccountsPerRun)
      .optional()
      .describe('Default: every active account of the tenant (or the accounts of `person.accounts`).'),
    action: z
      .union([actionName, z.record(identifier, actionName)])
      .optional()
      .describe(
        "The action to take, for every account or per integration or account id. Default: the connector's delete with no options (each connector's safest reversible one); the plan must show the action, else the step is needs_input.",
      ),
    options: z
      .record(identifier, deleteOptions)
      .optional()
      .describe(
        'Delete options per integration or account id (`{"google-workspace": {...}}`); an account id wins.',
      ),
    dry_run: z.boolean().optional().describe('Resolve and plan only; nothing is changed.'),
    reason: z.string().max(1000).optional().describe('Why, for the record.'),
  })
  .strict();

export type CreateOffboardingInput = z.infer<typeof createOffboardingSchema>;

export function parseCreateOffboarding(body: unknown): CreateOffboardingInput {
  const parsed = createOffboardingSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ValidationError({
    code: 'invalid_offboarding',
    message: `The offboarding request is invalid: ${issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ')}.`,
    details: { issues },
  });
}

/** An account's entry in a map keyed by account id or integration id; the account id wins. */
export function entryFor<Value>(
  byKey: Record<string, Value> | undefined,
  account: { id: string; integration: string },
): Value | undefined {
  return byKey?.[account.id] ?? byKey?.[account.integration];
}

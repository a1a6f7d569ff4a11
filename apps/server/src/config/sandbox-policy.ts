import { ValidationError } from '@unidir/core';
import { readPositiveInteger } from './operating-limits.js';

/** Whether and how much sandbox accounts (in-process fakes with seeded data) a server offers. */
export interface SandboxPolicy {
  /** UNIDIR_SANDBOX=on|off: on by default, off by default when NODE_ENV=production. */
  enabled: boolean;
  /** UNIDIR_SANDBOX_MAX_PER_TENANT: sandbox accounts one tenant may hold. */
  maxPerTenant: number;
  /** UNIDIR_SANDBOX_MAX_USERS: the largest `sandbox_users` a sandbox may seed. */
  maxUsers: number;
}

export const defaultSandboxPolicy: SandboxPolicy = { enabled: true, maxPerTenant: 5, maxUsers: 5000 };

export function loadSandboxPolicy(environment: Record<string, string | undefined>): SandboxPolicy {
  const switched = environment.UNIDIR_SANDBOX?.trim().toLowerCase();
  if (switched !== undefined && switched !== '' && switched !== 'on' && switched !== 'off') {
    throw new ValidationError({
      code: 'invalid_configuration',
      message: 'UNIDIR_SANDBOX: must be on or off.',
      details: { variable: 'UNIDIR_SANDBOX' },
    });
  }
  const production = environment.NODE_ENV === 'production';
  return {
    enabled: switched ? switched === 'on' : !production,
    maxPerTenant: readPositiveInteger(
      environment,
      'UNIDIR_SANDBOX_MAX_PER_TENANT',
      defaultSandboxPolicy.maxPerTenant,
    ),
    maxUsers: readPositiveInteger(environment, 'UNIDIR_SANDBOX_MAX_USERS', defaultSandboxPolicy.maxUsers),
  };
}

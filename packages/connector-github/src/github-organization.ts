import { ValidationError } from '@unidir/core';
import type { GitHubClient } from './github-client.js';

/**
 * The organization an operation acts on: the one named (it must be one the account covers), else the
 * account's only one. An account covering several must be told which.
 */
export function organizationFor(
  client: GitHubClient,
  requested: string | undefined,
  parameter: string,
): string {
  const covered = client.settings.organizations;
  if (requested !== undefined) {
    const match = covered.find((login) => login.toLowerCase() === requested.toLowerCase());
    if (match === undefined) {
      throw new ValidationError({
        message: `${parameter}=${requested} is not an organization this account covers (${covered.join(', ')}).`,
        details: { parameter, reason: 'unknown_organization', organizations: covered },
      });
    }
    return match;
  }
  if (covered.length === 1) return covered[0]!;
  throw new ValidationError({
    message: `This account covers several organizations (${covered.join(', ')}): give ${parameter}.`,
    code: 'missing_parameter',
    details: { parameter, organizations: covered },
  });
}

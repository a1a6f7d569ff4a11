import { type OperationContext, ValidationError } from '@unidir/core';
import type { GitHubClient } from './github-client.js';
import type { GitHubUser } from './github-mapping.js';
import { gitHubLoginSchema } from './github-settings.js';

type Context = OperationContext<GitHubClient>;

/** A user as the caller named it: the numeric account id (what this connector returns as `id`) or a login. */
export type UserReference = { accountId: string } | { login: string };

/**
 * Digits are an account id (stable across renames); anything else must be a login. A login made of digits
 * alone cannot be told apart, so it is read as an id: pass the account id for such users.
 */
export function parseUserReference(id: string, parameter = 'id'): UserReference {
  if (/^\d+$/.test(id)) return { accountId: id };
  if (gitHubLoginSchema.safeParse(id).success) return { login: id };
  throw new ValidationError({
    message: `${parameter}=${id} is neither a GitHub account id nor a login.`,
    code: 'invalid_user_id',
    details: { parameter },
  });
}

/** The account's public profile: `GET /user/{account_id}` or `GET /users/{username}` (1 request). */
export async function fetchProfile(reference: UserReference, context: Context): Promise<GitHubUser> {
  const path = 'accountId' in reference ? ['user', reference.accountId] : ['users', reference.login];
  const response = await context.client.http.request<GitHubUser>(
    { method: 'GET', path, description: 'get user profile' },
    context,
  );
  return response.body;
}

/** The login paths need: free for a login, one profile read for an account id. */
export async function loginFor(reference: UserReference, context: Context): Promise<string> {
  return 'login' in reference ? reference.login : (await fetchProfile(reference, context)).login;
}

import type { ListMeParameters, ListResult, OperationContext, UnifiedMe } from '@unidir/core';
import type { OktaClient } from './okta-client.js';
import { mapOktaMe, type OktaOrgSettings } from './okta-me-mapping.js';
import { asObject } from './okta-response.js';
import { fetchUser } from './okta-users.js';

type Context = OperationContext<OktaClient>;

/**
 * The org (GET /org) and who the account acts as: an API token's admin (GET /users/me), or a service app,
 * which is no user, by its client id. 2 requests with an API token, 1 with a service app.
 */
export async function listMe(
  _parameters: ListMeParameters,
  context: Context,
): Promise<ListResult<UnifiedMe>> {
  const orgResponse = await context.client.http.request(
    { method: 'GET', path: ['org'], description: 'get org settings' },
    context,
  );
  const org = asObject<OktaOrgSettings>(orgResponse.body, 'get org settings');
  const { clientId } = context.client;
  const user = clientId === undefined ? await fetchUser('me', context) : undefined;
  const me = mapOktaMe(user ? { kind: 'user', user } : { kind: 'application', clientId: clientId! }, org);
  return { records: [{ unified: me, raw: me.remote_data }], nextCursor: null };
}

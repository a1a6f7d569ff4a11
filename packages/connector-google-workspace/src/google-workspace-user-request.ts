import { mergeRemoteQuery } from '@unidir/connector-utils';
import type { OperationContext } from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import type { GoogleUser } from './google-workspace-types.js';

type Context = OperationContext<GoogleWorkspaceClient>;

/** users.get by numeric id, primary email or alias. */
export function requestUser(userKey: string, context: Context) {
  return context.client.request<GoogleUser>(
    {
      method: 'GET',
      path: ['users', userKey],
      query: mergeRemoteQuery({}, context.remoteQuery, ['fields']),
      description: 'get user',
    },
    context,
  );
}

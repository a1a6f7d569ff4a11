import type { ListMeParameters, ListResult, OperationContext, UnifiedMe } from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { readWebApi, type SlackOkBody } from './slack-web-api.js';

interface AuthTestBody extends SlackOkBody {
  user_id: string;
  user?: string;
  team_id?: string;
  team?: string;
  enterprise_id?: string;
  bot_id?: string;
}

/** auth.test: who the token acts as (1 request). */
export async function listMe(
  _parameters: ListMeParameters,
  context: OperationContext<SlackClient>,
): Promise<ListResult<UnifiedMe>> {
  const body = await readWebApi<AuthTestBody>(
    { method: 'auth.test', description: 'identify token', as: 'admin' },
    context,
  );
  const unified: UnifiedMe = {
    id: body.user_id,
    identity_type: body.bot_id === undefined ? 'user' : 'application',
    remote_data: body as unknown as Record<string, unknown>,
  };
  if (body.user) unified.username = body.user;
  const organizationId = body.enterprise_id || body.team_id;
  if (organizationId) unified.organization_id = organizationId;
  if (body.team && !body.enterprise_id) unified.organization_name = body.team;
  return { records: [{ unified, raw: body }], nextCursor: null };
}

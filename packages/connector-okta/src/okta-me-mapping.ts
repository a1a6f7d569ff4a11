import type { UnifiedMe } from '@unidir/core';
import { mapOktaUser, type OktaUser } from './okta-mapping.js';

export interface OktaOrgSettings {
  id: string;
  companyName?: string;
  subdomain?: string;
  [property: string]: unknown;
}

/** The identity an account acts as: the token's admin user, or the service app itself, in its org. */
export function mapOktaMe(
  identity: { kind: 'user'; user: OktaUser } | { kind: 'application'; clientId: string },
  org: OktaOrgSettings,
): UnifiedMe {
  const organization = {
    organization_id: org.id,
    ...(org.companyName ? { organization_name: org.companyName } : {}),
  };
  if (identity.kind === 'application') {
    return {
      id: identity.clientId,
      identity_type: 'application',
      ...organization,
      remote_data: { client_id: identity.clientId, org },
    };
  }
  const user = mapOktaUser(identity.user);
  const me: UnifiedMe = {
    id: user.id,
    identity_type: 'user',
    ...organization,
    remote_data: { user: identity.user, org },
  };
  if (user.name) me.name = user.name;
  if (user.username) me.username = user.username;
  if (user.emails) me.emails = user.emails.map(({ email, type }) => (type ? { email, type } : { email }));
  return me;
}

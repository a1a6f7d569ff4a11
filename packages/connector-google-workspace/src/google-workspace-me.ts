import type { ListMeParameters, ListOperationV1, UnifiedMe } from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { mapGoogleCustomer, requestCustomer } from './google-workspace-organizations.js';
import { requestUser } from './google-workspace-user-request.js';

/**
 * The impersonated administrator (a service account's `subject`) within its customer: users.get and
 * customers.get. An account connected by OAuth does not say who consented, so it answers the customer alone.
 */
export const googleWorkspaceMe: ListOperationV1<ListMeParameters, UnifiedMe, GoogleWorkspaceClient> = {
  async list(_parameters, context) {
    const customer = await requestCustomer(context.client.customerKey, context);
    const organization = mapGoogleCustomer(customer);
    const inOrganization = {
      organization_id: organization.id,
      ...(organization.name === undefined ? {} : { organization_name: organization.name }),
    };
    const subject = context.client.subject;
    if (subject === undefined) {
      const unified: UnifiedMe = {
        id: customer.id,
        identity_type: 'organization',
        ...(organization.name === undefined ? {} : { name: organization.name }),
        ...inOrganization,
        remote_data: { customer },
      };
      return { records: [{ unified, raw: { customer } }], nextCursor: null };
    }
    const user = (await requestUser(subject, context)).body;
    const unified: UnifiedMe = {
      id: user.id,
      identity_type: 'user',
      ...inOrganization,
      remote_data: { user, customer },
    };
    const name = user.name?.fullName ?? user.name?.displayName;
    if (name) unified.name = name;
    if (user.primaryEmail) {
      unified.username = user.primaryEmail;
      unified.emails = [{ email: user.primaryEmail, type: 'primary' }];
    }
    return { records: [{ unified, raw: { user, customer } }], nextCursor: null };
  },
};

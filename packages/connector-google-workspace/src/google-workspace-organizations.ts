import { mergeRemoteQuery } from '@unidir/connector-utils';
import type {
  ListOrganizationsParameters,
  OperationContext,
  ReadOperationsV1,
  UnifiedOrganization,
} from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import type { GoogleCustomer } from './google-workspace-types.js';

export function mapGoogleCustomer(customer: GoogleCustomer): UnifiedOrganization {
  const unified: UnifiedOrganization = { id: customer.id, remote_data: customer };
  const name = customer.postalAddress?.organizationName || customer.customerDomain;
  if (name) unified.name = name;
  if (customer.customerCreationTime) {
    const time = Date.parse(customer.customerCreationTime);
    if (!Number.isNaN(time)) unified.created_at = new Date(time).toISOString();
  }
  return unified;
}

/** customers.get: the Workspace account itself (`my_customer` is the account the credentials belong to). */
export async function requestCustomer(customerKey: string, context: OperationContext<GoogleWorkspaceClient>) {
  const response = await context.client.request<GoogleCustomer>(
    {
      method: 'GET',
      path: ['customers', customerKey],
      scopes: 'customer',
      query: mergeRemoteQuery({}, context.remoteQuery, ['fields']),
      description: 'get customer',
    },
    context,
  );
  return response.body;
}

export const googleWorkspaceOrganizations: ReadOperationsV1<
  ListOrganizationsParameters,
  UnifiedOrganization,
  GoogleWorkspaceClient
> = {
  async list(_parameters, context) {
    const customer = await requestCustomer(context.client.customerKey, context);
    return { records: [{ unified: mapGoogleCustomer(customer), raw: customer }], nextCursor: null };
  },

  async get(parameters, context) {
    const customer = await requestCustomer(parameters.id, context);
    return { unified: mapGoogleCustomer(customer), raw: customer };
  },
};

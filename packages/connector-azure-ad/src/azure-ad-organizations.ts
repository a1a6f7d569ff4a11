import { mergeRemoteQuery } from '@unidir/connector-utils';
import type {
  GetResourceParameters,
  ListMeParameters,
  ListOrganizationsParameters,
  ListResult,
  OperationContext,
  RecordResult,
  UnifiedMe,
  UnifiedOrganization,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { listGraphCollection, reservedCollectionQuery } from './azure-ad-collection.js';
import { asEntity, asPage } from './azure-ad-graph-response.js';
import { type GraphUser, mapGraphUser } from './azure-ad-mapping.js';

type Context = OperationContext<AzureAdClient>;

/** A `microsoft.graph.organization`: the tenant. */
export interface GraphOrganization {
  id: string;
  displayName?: string | null;
  createdDateTime?: string | null;
  [property: string]: unknown;
}

/** The application's `microsoft.graph.servicePrincipal` in the tenant. */
interface GraphServicePrincipal {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  [property: string]: unknown;
}

export function mapOrganization(organization: GraphOrganization): UnifiedOrganization {
  const unified: UnifiedOrganization = { id: organization.id };
  if (organization.displayName) unified.name = organization.displayName;
  if (organization.createdDateTime) unified.created_at = organization.createdDateTime;
  unified.remote_data = organization;
  return unified;
}

function organizationRecord(organization: GraphOrganization): RecordResult<UnifiedOrganization> {
  return { unified: mapOrganization(organization), raw: organization };
}

/** GET /organization: a collection of exactly one, the tenant (1 request). */
export async function listOrganizations(
  parameters: ListOrganizationsParameters,
  context: Context,
): Promise<ListResult<UnifiedOrganization>> {
  return listGraphCollection<GraphOrganization, UnifiedOrganization>(
    {
      collection: 'organizations',
      cursor: parameters.cursor,
      first: () => ({
        method: 'GET',
        path: ['organization'],
        query: mergeRemoteQuery({}, context.remoteQuery, reservedCollectionQuery),
        description: 'list organization',
      }),
      toRecords: (organizations) => organizations.map(organizationRecord),
    },
    context,
  );
}

export async function getOrganization(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedOrganization>> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['organization', parameters.id],
      query: mergeRemoteQuery({}, parameters.remote_query, reservedCollectionQuery),
      description: 'get organization',
    },
    context,
  );
  return organizationRecord(asEntity<GraphOrganization>(response.body, 'get organization'));
}

async function tenantOrganization(context: Context): Promise<GraphOrganization | undefined> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['organization'],
      query: { $select: 'id,displayName' },
      description: 'get tenant',
    },
    context,
  );
  return asPage<GraphOrganization>(response.body, 'organization').value[0];
}

/** The signed-in user of delegated credentials (GET /me), with its groups and roles like a user get. */
async function signedInUser(
  context: Context,
  organization: GraphOrganization | undefined,
): Promise<UnifiedMe> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['me'],
      query: { $select: 'id,displayName,userPrincipalName,mail' },
      description: 'get signed-in user',
    },
    context,
  );
  const user = asEntity<GraphUser>(response.body, 'get signed-in user');
  const unified = mapGraphUser(user);
  const me: UnifiedMe = { id: user.id, identity_type: 'user', remote_data: user };
  if (unified.name) me.name = unified.name;
  if (unified.username) me.username = unified.username;
  if (unified.emails)
    me.emails = unified.emails.map(({ email, type }) => (type ? { email, type } : { email }));
  return withOrganization(me, organization);
}

/** The application's service principal: GET /servicePrincipals(appId='{client_id}'). */
async function application(
  context: Context,
  organization: GraphOrganization | undefined,
): Promise<UnifiedMe> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: [`servicePrincipals(appId='${context.client.identity.clientId.replaceAll("'", "''")}')`],
      query: { $select: 'id,appId,displayName' },
      description: 'get application service principal',
    },
    context,
  );
  const principal = asEntity<GraphServicePrincipal>(response.body, 'get service principal');
  const me: UnifiedMe = { id: principal.id, identity_type: 'application', remote_data: principal };
  if (principal.displayName) me.name = principal.displayName;
  if (principal.appId) me.username = principal.appId;
  return withOrganization(me, organization);
}

function withOrganization(me: UnifiedMe, organization: GraphOrganization | undefined): UnifiedMe {
  if (organization) {
    me.organization_id = organization.id;
    if (organization.displayName) me.organization_name = organization.displayName;
  }
  return me;
}

/**
 * The identity the account acts as, in its tenant: the application's service principal for app credentials
 * (a secret or a certificate), the signed-in user for delegated ones. 2 requests: /organization, then
 * /servicePrincipals(appId=...) or /me.
 */
export async function listMe(
  _parameters: ListMeParameters,
  context: Context,
): Promise<ListResult<UnifiedMe>> {
  const organization = await tenantOrganization(context);
  const me = context.client.identity.delegated
    ? await signedInUser(context, organization)
    : await application(context, organization);
  return { records: [{ unified: me, raw: me.remote_data }], nextCursor: null };
}

import { catalogueListPage } from '@unidir/connector-utils';
import {
  type GetResourceParameters,
  type ListResult,
  type ListRolesParameters,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedLicense,
  type UnifiedMe,
  type UnifiedOrganization,
  type UnifiedRole,
} from '@unidir/core';
import type { GitHubClient } from './github-client.js';
import type { GitHubUser } from './github-mapping.js';
import { organizationFor } from './github-organization.js';
import { gitHubConnectorId } from './github-settings.js';

type Context = OperationContext<GitHubClient>;

/** An organization's base roles: what `role` means in memberships and invitations. */
const organizationRoles: readonly UnifiedRole[] = [
  {
    id: 'admin',
    name: 'Owner',
    description: 'Full administrative rights to the organization and all its repositories and teams.',
  },
  {
    id: 'member',
    name: 'Member',
    description:
      'Sees other members and joins teams; repository access comes from teams and base permissions.',
  },
  { id: 'billing_manager', name: 'Billing manager', description: 'Manages billing settings; not a member.' },
];

/** The base roles are the same in every organization: answered without a provider call. */
export async function listRoles(parameters: ListRolesParameters): Promise<ListResult<UnifiedRole>> {
  return catalogueListPage(
    gitHubConnectorId,
    organizationRoles.map((role) => ({ unified: role, raw: role })),
    parameters,
  );
}

export async function getRole(parameters: GetResourceParameters): Promise<RecordResult<UnifiedRole>> {
  const role = organizationRoles.find((candidate) => candidate.id === parameters.id);
  if (!role)
    throw new NotFoundError({
      message: `No organization role ${parameters.id}.`,
      resource: 'roles',
      id: parameters.id,
    });
  return { unified: role, raw: role };
}

interface GitHubOrganization {
  login: string;
  id: number;
  name?: string | null;
  created_at?: string;
  updated_at?: string;
  plan?: { name: string; seats?: number; filled_seats?: number };
}

async function fetchOrganization(login: string, context: Context): Promise<GitHubOrganization> {
  const response = await context.client.http.request<GitHubOrganization>(
    { method: 'GET', path: ['orgs', login], description: 'get organization' },
    context,
  );
  return response.body;
}

function mapOrganization(organization: GitHubOrganization): UnifiedOrganization {
  return {
    id: organization.login,
    name: organization.name || organization.login,
    ...(organization.created_at ? { created_at: organization.created_at } : {}),
    ...(organization.updated_at ? { updated_at: organization.updated_at } : {}),
    remote_data: organization as unknown as Record<string, unknown>,
  };
}

async function eachOrganization(context: Context): Promise<GitHubOrganization[]> {
  const organizations: GitHubOrganization[] = [];
  for (const login of context.client.settings.organizations)
    organizations.push(await fetchOrganization(login, context));
  return organizations;
}

/** The organizations the account covers (its settings), each read once. */
export async function listOrganizations(
  _parameters: unknown,
  context: Context,
): Promise<ListResult<UnifiedOrganization>> {
  const organizations = await eachOrganization(context);
  return {
    records: organizations.map((organization) => ({
      unified: mapOrganization(organization),
      raw: organization,
    })),
    nextCursor: null,
  };
}

export async function getOrganization(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedOrganization>> {
  const organization = await fetchOrganization(organizationFor(context.client, parameters.id, 'id'), context);
  return { unified: mapOrganization(organization), raw: organization };
}

/** The plan's seats: GitHub shows `plan` to owners only, so an organization without it yields no license. */
function licenseOf(organization: GitHubOrganization): UnifiedLicense | undefined {
  const { plan } = organization;
  if (!plan) return undefined;
  return {
    id: `${organization.login}:${plan.name}`,
    name: plan.name,
    organization_id: organization.login,
    ...(plan.seats === undefined ? {} : { total_seats: plan.seats }),
    ...(plan.filled_seats === undefined ? {} : { used_seats: plan.filled_seats }),
    remote_data: plan as unknown as Record<string, unknown>,
  };
}

export async function listLicenses(
  _parameters: unknown,
  context: Context,
): Promise<ListResult<UnifiedLicense>> {
  const records: Array<RecordResult<UnifiedLicense>> = [];
  for (const organization of await eachOrganization(context)) {
    const license = licenseOf(organization);
    if (license) records.push({ unified: license, raw: organization.plan });
  }
  return { records, nextCursor: null };
}

export async function getLicense(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedLicense>> {
  const [login] = parameters.id.split(':');
  const organization = await fetchOrganization(organizationFor(context.client, login, 'id'), context);
  const license = licenseOf(organization);
  if (!license || license.id !== parameters.id) {
    throw new NotFoundError({
      message: `No visible plan ${parameters.id}.`,
      resource: 'licenses',
      id: parameters.id,
    });
  }
  return { unified: license, raw: organization.plan };
}

interface GitHubApp {
  id: number;
  slug: string;
  name: string;
  owner?: { login?: string } | null;
}

/** A token's owner (`GET /user`), or for an app installation the app itself (`GET /app` with the app's JWT). */
export async function listMe(_parameters: unknown, context: Context): Promise<ListResult<UnifiedMe>> {
  const { appHttp, http } = context.client;
  if (appHttp) {
    const app = (
      await appHttp.request<GitHubApp>({ method: 'GET', path: ['app'], description: 'get app' }, context)
    ).body;
    const me: UnifiedMe = {
      id: String(app.id),
      name: app.name,
      username: app.slug,
      identity_type: 'github_app',
      ...(app.owner?.login ? { organization_id: app.owner.login, organization_name: app.owner.login } : {}),
      remote_data: app as unknown as Record<string, unknown>,
    };
    return { records: [{ unified: me, raw: app }], nextCursor: null };
  }
  const user = (
    await http.request<GitHubUser>(
      { method: 'GET', path: ['user'], description: 'get authenticated user' },
      context,
    )
  ).body;
  const me: UnifiedMe = {
    id: String(user.id),
    username: user.login,
    identity_type: 'user',
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { emails: [{ email: user.email, type: 'public' }] } : {}),
    remote_data: user as unknown as Record<string, unknown>,
  };
  return { records: [{ unified: me, raw: user }], nextCursor: null };
}

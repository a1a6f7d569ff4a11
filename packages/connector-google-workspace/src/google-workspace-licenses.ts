import type {
  ListLicensesParameters,
  OperationContext,
  ReadOperationsV1,
  UnifiedLicense,
  UnifiedUser,
} from '@unidir/core';
import { NotFoundError, ValidationError } from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import type { GoogleItemsPage, GoogleLicenseAssignment, GoogleUsersPage } from './google-workspace-types.js';
import { requestUser } from './google-workspace-user-request.js';

type Context = OperationContext<GoogleWorkspaceClient>;

/** License assignments change rarely; reading them for every page of users would cost more than it tells. */
const assignmentsLifetimeMs = 5 * 60_000;
const assignmentsPerPage = 1000;

async function cached<Value>(context: Context, key: string, lifetimeMs: number, read: () => Promise<Value>) {
  const entry = context.client.cache.get(key);
  if (entry !== undefined && entry.expiresAt > context.client.now()) return entry.value as Value;
  const value = await read();
  context.client.cache.set(key, { value, expiresAt: context.client.now() + lifetimeMs });
  return value;
}

/**
 * The licensing API wants the customer's id, not `my_customer`: the settings' customer id, else the
 * `customerId` of any one user (users.list with maxResults=1, once per account).
 */
async function customerIdOf(context: Context): Promise<string> {
  const configured = context.client.settings.customer;
  if (configured !== undefined && configured !== 'my_customer') return configured;
  return cached(context, 'customerId', Number.POSITIVE_INFINITY, async () => {
    const response = await context.client.request<GoogleUsersPage>(
      {
        method: 'GET',
        path: ['users'],
        query: { ...context.client.listScope, maxResults: 1 },
        description: 'read the customer id',
      },
      context,
    );
    const customerId = response.body?.users?.[0]?.customerId;
    if (customerId === undefined) {
      throw new ValidationError({
        message: 'The customer id could not be read from any user; set settings.customer to it (C0...).',
        code: 'customer_id_unknown',
      });
    }
    return customerId;
  });
}

/** Every assignment of every covered product: one listForProduct request per 1,000, cached for the account. */
export function readLicenseAssignments(context: Context): Promise<GoogleLicenseAssignment[]> {
  return cached(context, 'licenseAssignments', assignmentsLifetimeMs, async () => {
    const customerId = await customerIdOf(context);
    const assignments: GoogleLicenseAssignment[] = [];
    for (const productId of context.client.settings.license_product_ids) {
      let pageToken: string | undefined;
      do {
        const response = await context.client.request<GoogleItemsPage<GoogleLicenseAssignment>>(
          {
            method: 'GET',
            api: 'licensing',
            scopes: 'licensing',
            path: ['product', productId, 'users'],
            query: { customerId, maxResults: assignmentsPerPage, pageToken },
            description: 'list license assignments',
          },
          context,
        );
        assignments.push(...(response.body?.items ?? []));
        pageToken = response.body?.nextPageToken;
      } while (pageToken !== undefined);
    }
    return assignments;
  });
}

/** One license per SKU: Google lists assignments, so used seats are counted; the total bought is not in the API. */
function licensesOf(assignments: readonly GoogleLicenseAssignment[], organizationId: string | undefined) {
  const bySku = new Map<string, { license: UnifiedLicense; raw: Record<string, unknown> }>();
  for (const assignment of assignments) {
    if (assignment.skuId === undefined) continue;
    let entry = bySku.get(assignment.skuId);
    if (entry === undefined) {
      const raw = {
        productId: assignment.productId,
        productName: assignment.productName,
        skuId: assignment.skuId,
        skuName: assignment.skuName,
      };
      entry = {
        license: {
          id: assignment.skuId,
          used_seats: 0,
          ...(assignment.skuName ? { name: assignment.skuName } : {}),
          ...(organizationId === undefined ? {} : { organization_id: organizationId }),
          remote_data: raw,
        },
        raw,
      };
      bySku.set(assignment.skuId, entry);
    }
    entry.license.used_seats = (entry.license.used_seats ?? 0) + 1;
  }
  return [...bySku.values()];
}

/** The licenses of each user by lower-cased primary email (the licensing API's `userId`). */
export function licensesByEmail(assignments: readonly GoogleLicenseAssignment[]) {
  const byEmail = new Map<string, NonNullable<UnifiedUser['licenses']>>();
  for (const assignment of assignments) {
    if (assignment.userId === undefined || assignment.skuId === undefined) continue;
    const key = assignment.userId.toLowerCase();
    const licenses = byEmail.get(key) ?? [];
    licenses.push({ id: assignment.skuId, ...(assignment.skuName ? { name: assignment.skuName } : {}) });
    byEmail.set(key, licenses);
  }
  return byEmail;
}

async function emailOfUser(userId: string, context: Context): Promise<string> {
  if (userId.includes('@')) return userId;
  const user = (await requestUser(userId, context)).body;
  return user.primaryEmail ?? userId;
}

async function licenses(context: Context, userId: string | undefined) {
  const assignments = await readLicenseAssignments(context);
  const customerId = await customerIdOf(context);
  const all = licensesOf(assignments, customerId);
  if (userId === undefined) return all;
  const email = (await emailOfUser(userId, context)).toLowerCase();
  const held = new Set(
    assignments.flatMap((assignment) =>
      assignment.userId?.toLowerCase() === email && assignment.skuId ? [assignment.skuId] : [],
    ),
  );
  return all.filter((entry) => held.has(entry.license.id));
}

export const googleWorkspaceLicenses: ReadOperationsV1<
  ListLicensesParameters,
  UnifiedLicense,
  GoogleWorkspaceClient
> = {
  async list(parameters, context) {
    const found = await licenses(context, parameters.user_id);
    return {
      records: found.map((entry) => ({ unified: entry.license, raw: entry.raw })),
      nextCursor: null,
    };
  },

  async get(parameters, context) {
    const found = (await licenses(context, undefined)).find((entry) => entry.license.id === parameters.id);
    if (found === undefined) {
      throw new NotFoundError({
        message: `No license ${parameters.id}: no user of the covered products (${context.client.settings.license_product_ids.join(', ')}) holds this SKU.`,
        resource: 'licenses',
        id: parameters.id,
      });
    }
    return { unified: found.license, raw: found.raw };
  },
};

import {
  type GetResourceParameters,
  type ListLicensesParameters,
  type ListResult,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedLicense,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { asEntity, asPage } from './azure-ad-graph-response.js';
import type { GraphUser } from './azure-ad-mapping.js';

type Context = OperationContext<AzureAdClient>;

/** A `microsoft.graph.subscribedSku`: one product the tenant subscribes to, with its seats. */
export interface GraphSubscribedSku {
  id: string;
  skuId: string;
  skuPartNumber?: string | null;
  accountId?: string | null;
  consumedUnits?: number | null;
  prepaidUnits?: { enabled?: number | null } | null;
  [property: string]: unknown;
}

/** What users' `licenses` are named from: skuId -> skuPartNumber. */
export type LicenseNames = ReadonlyMap<string, string>;

/** How long the tenant's SKU names are reused before /subscribedSkus is read again. */
const licenseNamesLifetimeMs = 10 * 60_000;
/** After a failed read, users are listed without licence names for this long before trying again. */
const failedLookupLifetimeMs = 60_000;

/** GET /subscribedSkus: every SKU of the tenant in one answer (Graph does not page it). */
async function fetchSubscribedSkus(context: Context): Promise<GraphSubscribedSku[]> {
  const response = await context.client.http.request(
    { method: 'GET', path: ['subscribedSkus'], description: 'list subscribed SKUs' },
    context,
  );
  const skus = asPage<GraphSubscribedSku>(response.body, 'subscribedSkus').value;
  context.client.licenseNames.store(namesOf(skus), context.client.now() + licenseNamesLifetimeMs);
  return skus;
}

function namesOf(skus: readonly GraphSubscribedSku[]): LicenseNames {
  const names = new Map<string, string>();
  for (const sku of skus) if (sku.skuPartNumber) names.set(sku.skuId, sku.skuPartNumber);
  return names;
}

/**
 * The tenant's SKU names for naming users' licenses, read at most once per 10 minutes per account client
 * (never once per user). Listing users must not fail because of it: without Organization.Read.All (or on
 * any other error) users keep their licence ids and the failure is logged.
 */
export async function cachedLicenseNames(context: Context): Promise<LicenseNames | undefined> {
  const { licenseNames, now } = context.client;
  const cached = licenseNames.lookup(now());
  if (cached) return cached.value;
  return licenseNames.load(async () => {
    try {
      const names = namesOf(await fetchSubscribedSkus(context));
      return { value: names, expiresAt: now() + licenseNamesLifetimeMs };
    } catch (error) {
      context.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'could not read /subscribedSkus: users are listed with licence ids only',
      );
      return { value: undefined, expiresAt: now() + failedLookupLifetimeMs };
    }
  });
}

export function mapSubscribedSku(sku: GraphSubscribedSku): UnifiedLicense {
  const unified: UnifiedLicense = { id: sku.skuId };
  if (sku.skuPartNumber) unified.name = sku.skuPartNumber;
  const enabled = sku.prepaidUnits?.enabled;
  if (typeof enabled === 'number') unified.total_seats = enabled;
  if (typeof sku.consumedUnits === 'number') unified.used_seats = sku.consumedUnits;
  if (sku.accountId) unified.organization_id = sku.accountId;
  unified.remote_data = sku;
  return unified;
}

function toRecord(sku: GraphSubscribedSku): RecordResult<UnifiedLicense> {
  return { unified: mapSubscribedSku(sku), raw: sku };
}

/** A user's licenses: the SKUs its assignedLicenses name, read from the same /subscribedSkus answer. */
async function licensesOfUser(
  userId: string,
  context: Context,
): Promise<Array<RecordResult<UnifiedLicense>>> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['users', userId],
      query: { $select: 'id,assignedLicenses' },
      description: 'get user licenses',
    },
    context,
  );
  const user = asEntity<GraphUser>(response.body, 'get user licenses');
  const assigned = new Set((user.assignedLicenses ?? []).map((license) => license.skuId));
  if (assigned.size === 0) return [];
  const skus = await fetchSubscribedSkus(context);
  return skus.filter((sku) => assigned.has(sku.skuId)).map(toRecord);
}

/**
 * GET /subscribedSkus (1 request; Graph answers every SKU at once). With user_id: the user's
 * assignedLicenses first (1 more request), then only the SKUs they name.
 */
export async function listLicenses(
  parameters: ListLicensesParameters,
  context: Context,
): Promise<ListResult<UnifiedLicense>> {
  if (parameters.user_id !== undefined) {
    return { records: await licensesOfUser(parameters.user_id, context), nextCursor: null };
  }
  return { records: (await fetchSubscribedSkus(context)).map(toRecord), nextCursor: null };
}

/** The license id is the skuId (what users' assignedLicenses name), so a get reads the list and picks it. */
export async function getLicense(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedLicense>> {
  const sku = (await fetchSubscribedSkus(context)).find(
    (candidate) => candidate.skuId.toLowerCase() === parameters.id.toLowerCase(),
  );
  if (!sku) {
    throw new NotFoundError({
      message: `The tenant subscribes to no SKU ${parameters.id}.`,
      resource: 'licenses',
      id: parameters.id,
    });
  }
  return toRecord(sku);
}

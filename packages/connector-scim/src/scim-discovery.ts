import type { ProviderCallContext, ProviderHttpClient } from '@unidir/connector-utils';
import { NotFoundError } from '@unidir/core';
import type { ScimFilterAttribute, ScimQuirks } from './scim-presets.js';

/** RFC 7643 §5, as much of it as choosing requests needs. */
export interface ScimServiceProviderConfig {
  patch?: { supported?: boolean };
  bulk?: { supported?: boolean; maxOperations?: number; maxPayloadSize?: number };
  filter?: { supported?: boolean; maxResults?: number };
  sort?: { supported?: boolean };
  etag?: { supported?: boolean };
  changePassword?: { supported?: boolean };
}

/** What this account's service provider can do: what it advertises, narrowed by its preset's known quirks. */
export interface ScimCapabilities {
  patch: boolean;
  filter: boolean;
  /** Filter attributes the connector may send (empty when filtering is not supported). */
  filterAttributes: readonly ScimFilterAttribute[];
  sort: boolean;
  etag: boolean;
  bulk: boolean;
  /** The largest page to ask for; undefined when neither the provider nor the preset caps it. */
  maxResults: number | undefined;
  /** The provider answered 404 to /ServiceProviderConfig: nothing optional is used. */
  advertised: boolean;
}

const allFilterAttributes: readonly ScimFilterAttribute[] = [
  'emails.value',
  'userName',
  'externalId',
  'active',
];

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Capabilities from a ServiceProviderConfig (or none, when the provider has none) and a preset's quirks. */
export function capabilitiesOf(
  config: ScimServiceProviderConfig | undefined,
  quirks: ScimQuirks,
): ScimCapabilities {
  const filter = config?.filter?.supported === true;
  const unsupported = new Set(quirks.unsupportedFilters ?? []);
  const caps = [positive(config?.filter?.maxResults), quirks.pageSizeCap].filter(
    (value): value is number => value !== undefined,
  );
  return {
    patch: config?.patch?.supported === true,
    filter,
    filterAttributes: filter ? allFilterAttributes.filter((attribute) => !unsupported.has(attribute)) : [],
    sort: config?.sort?.supported === true,
    etag: config?.etag?.supported === true,
    bulk: config?.bulk?.supported === true,
    maxResults: caps.length === 0 ? undefined : Math.min(...caps),
    advertised: config !== undefined,
  };
}

/**
 * Reads /ServiceProviderConfig once per account client and keeps the answer: every operation asks, the first
 * one pays one GET. A failed read is not kept, so the next operation tries again.
 */
export function createCapabilityCache(http: ProviderHttpClient, quirks: ScimQuirks) {
  let pending: Promise<ScimCapabilities> | undefined;
  async function discover(context: ProviderCallContext): Promise<ScimCapabilities> {
    try {
      const response = await http.request<ScimServiceProviderConfig>(
        { method: 'GET', path: ['ServiceProviderConfig'], description: 'read service provider config' },
        context,
      );
      return capabilitiesOf(response.body ?? {}, quirks);
    } catch (error) {
      if (error instanceof NotFoundError) return capabilitiesOf(undefined, quirks);
      throw error;
    }
  }
  return (context: ProviderCallContext): Promise<ScimCapabilities> => {
    if (!pending) {
      pending = discover(context);
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}

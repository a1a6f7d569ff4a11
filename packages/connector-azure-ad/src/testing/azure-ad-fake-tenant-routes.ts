import { type FakeRequest, type FakeRoute, seedId } from '@unidir/testkit';
import { graphCollection, parseListQuery } from './azure-ad-fake-query.js';
import { defaultUserProjection } from './azure-ad-fake-records.js';
import { badRequest, graphJson, metadataUrl, resourceNotFound } from './azure-ad-fake-responses.js';
import {
  type FakeTenant,
  organizationRecord,
  servicePrincipalRecord,
  subscribedSkuRecords,
} from './azure-ad-fake-tenant.js';
import { type GraphFakeContext, renderUser } from './azure-ad-fake-users.js';

/** `servicePrincipals(appId='...')`: Graph's alternate key; the quotes may arrive percent-encoded. */
const servicePrincipalByAppId = /^servicePrincipals\(appId='([^']+)'\)$/;

/**
 * The tenant itself: `/organization`, `/subscribedSkus`, the application's service principal, and `/me`
 * (the signed-in user, for delegated tokens only; seeded user 0, an admin, signed in to the fake).
 */
export function tenantRoutes(
  context: GraphFakeContext,
  tenant: FakeTenant,
  isDelegated: (request: FakeRequest) => boolean,
): FakeRoute[] {
  const { directory } = context;
  return [
    {
      name: 'organization.list',
      method: 'GET',
      pattern: '/v1.0/organization',
      handle: (request) =>
        graphCollection(request, {
          fragment: 'organization',
          nextOffset: undefined,
          value: [organizationRecord(tenant, directory)],
        }),
    },
    {
      name: 'organization.get',
      method: 'GET',
      pattern: '/v1.0/organization/:id',
      handle(request) {
        if (request.params.id !== tenant.tenantId) return resourceNotFound(request, request.params.id!);
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'organization/$entity'),
          ...organizationRecord(tenant, directory),
        });
      },
    },
    {
      name: 'subscribedSkus.list',
      method: 'GET',
      pattern: '/v1.0/subscribedSkus',
      handle: (request) =>
        graphCollection(request, {
          fragment: 'subscribedSkus',
          nextOffset: undefined,
          value: subscribedSkuRecords(tenant, directory),
        }),
    },
    {
      name: 'subscribedSkus.get',
      method: 'GET',
      pattern: '/v1.0/subscribedSkus/:id',
      handle(request) {
        const sku = subscribedSkuRecords(tenant, directory).find((record) => record.id === request.params.id);
        if (!sku) return resourceNotFound(request, request.params.id!);
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'subscribedSkus/$entity'),
          ...sku,
        });
      },
    },
    {
      name: 'me.get',
      method: 'GET',
      pattern: '/v1.0/me',
      handle(request) {
        if (!isDelegated(request)) {
          return badRequest(
            request,
            '/me request is only valid with delegated authentication flow.',
            'BadRequest',
          );
        }
        const user = directory.userById(seedId(directory.seed, 'user', 0));
        if (!user) return resourceNotFound(request, 'me');
        const parsed = parseListQuery(request, 'user', defaultUserProjection);
        if (!parsed.ok) return parsed.response;
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'users/$entity'),
          ...renderUser(context, user, parsed.query),
        });
      },
    },
    {
      name: 'servicePrincipals.byAppId',
      method: 'GET',
      pattern: '/v1.0/:key',
      handle(request) {
        const match = servicePrincipalByAppId.exec(request.params.key!);
        if (!match) {
          return badRequest(
            request,
            `Resource not found for the segment '${request.params.key}'.`,
            'BadRequest',
          );
        }
        if (match[1] !== tenant.clientId) return resourceNotFound(request, match[1]!);
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'servicePrincipals/$entity'),
          ...servicePrincipalRecord(tenant),
        });
      },
    },
  ];
}

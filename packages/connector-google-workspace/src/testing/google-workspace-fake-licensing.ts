import { hash } from 'node:crypto';
import type { FakeRequest, FakeResponse, FakeRoute, SeedUser } from '@unidir/testkit';
import type { GoogleFakeDirectory } from './google-workspace-fake-directory.js';
import { googleError } from './google-workspace-fake-errors.js';
import { decodePageToken, encodePageToken, parseMaxResults } from './google-workspace-fake-page-token.js';
import { authorizedRoute, listEnvelope } from './google-workspace-fake-routes.js';
import { methodScopes } from './google-workspace-fake-scopes.js';
import type { FakeTokenIssuer } from './google-workspace-fake-token.js';

/** Products and SKUs from Google's "Products and SKUs" page of the Enterprise License Manager API. */
export const fakeLicenseProducts = {
  'Google-Apps': {
    productName: 'Google Workspace',
    skus: {
      '1010020027': 'Google Workspace Business Starter',
      '1010020028': 'Google Workspace Business Standard',
      '1010020025': 'Google Workspace Business Plus',
    },
  },
  '101047': { productName: 'Gemini', skus: { '1010470007': 'Gemini Meet' } },
} as const;
type ProductId = keyof typeof fakeLicenseProducts;

const workspaceSkuByIndex = ['1010020028', '1010020028', '1010020027', '1010020025'] as const;
const scanChunk = 1000;

/** Every current seeded user has one Workspace SKU (by index); one in five also has Gemini. */
export function fakeSkuOf(user: Pick<SeedUser, 'index'>, productId: ProductId): string | undefined {
  if (productId === 'Google-Apps') return workspaceSkuByIndex[user.index % workspaceSkuByIndex.length];
  return user.index % 5 === 0 ? '1010470007' : undefined;
}

function isProductId(value: string): value is ProductId {
  return Object.hasOwn(fakeLicenseProducts, value);
}

/** licenseAssignments.listForProduct and listForProductAndSku under /apps/licensing/v1. */
export function createLicensingRoutes(fake: GoogleFakeDirectory, tokens: FakeTokenIssuer): FakeRoute[] {
  const route = authorizedRoute(tokens, '/apps/licensing/v1');

  const toAssignment = (user: SeedUser, productId: ProductId, skuId: string) => {
    const product = fakeLicenseProducts[productId];
    const body = {
      kind: 'licensing#licenseAssignment',
      selfLink: `https://licensing.googleapis.com/apps/licensing/v1/product/${productId}/sku/${skuId}/user/${user.email}`,
      userId: user.email,
      productId,
      skuId,
      skuName: (product.skus as Record<string, string>)[skuId] ?? skuId,
      productName: product.productName,
    };
    return { ...body, etags: `"${hash('sha1', JSON.stringify(body), 'base64url')}"` };
  };

  const list = (request: FakeRequest): FakeResponse => {
    const productId = request.params.productId ?? '';
    const skuFilter = request.params.skuId;
    if (!isProductId(productId)) return googleError(400, 'invalid', 'Invalid productId');
    if (skuFilter !== undefined && !Object.hasOwn(fakeLicenseProducts[productId].skus, skuFilter)) {
      return googleError(400, 'invalid', 'Invalid skuId');
    }
    const customerId = request.query.get('customerId');
    if (customerId === null) return googleError(400, 'required', 'Required parameter: customerId');
    if (customerId !== fake.ids.customerId) return googleError(400, 'invalid', 'Invalid customerId');
    const limit = parseMaxResults(request.query.get('maxResults'), 100, 1000);
    if (typeof limit === 'string') return googleError(400, 'invalid', limit);
    const fingerprint = JSON.stringify([productId, skuFilter, customerId]);
    const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
    if (offset === 'invalid') return googleError(400, 'invalid', 'Invalid Input: pageToken');
    const items: ReturnType<typeof toAssignment>[] = [];
    let nextOffset: number | undefined;
    scan: for (let position = offset ?? 0; ; position += scanChunk) {
      const users = fake.directory.listUsers({ offset: position, limit: scanChunk }).users;
      for (const [step, user] of users.entries()) {
        if (user.index >= fake.directory.seedUserCount) continue;
        const skuId = fakeSkuOf(user, productId);
        if (skuId === undefined || (skuFilter !== undefined && skuId !== skuFilter)) continue;
        if (items.length === limit) {
          nextOffset = position + step;
          break scan;
        }
        items.push(toAssignment(user, productId, skuId));
      }
      if (users.length < scanChunk) break;
    }
    const token = nextOffset === undefined ? undefined : encodePageToken(nextOffset, fingerprint);
    return { status: 200, body: listEnvelope('licensing#licenseAssignmentList', 'items', items, token) };
  };

  return [
    route(
      'licenseAssignments.listForProduct',
      'GET',
      '/product/:productId/users',
      methodScopes.licensing,
      list,
    ),
    route(
      'licenseAssignments.listForProductAndSku',
      'GET',
      '/product/:productId/sku/:skuId/users',
      methodScopes.licensing,
      list,
    ),
  ];
}

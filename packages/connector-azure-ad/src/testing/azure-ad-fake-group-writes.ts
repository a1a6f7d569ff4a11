import type { FakeRequest, FakeResponse, FakeRoute } from '@unidir/testkit';
import type { AuditTarget } from './azure-ad-fake-audits.js';
import { canonicalProperty, defaultGroupProjection, project } from './azure-ad-fake-records.js';
import {
  badRequest,
  graphJson,
  graphNoContent,
  metadataUrl,
  resourceNotFound,
} from './azure-ad-fake-responses.js';
import type { GraphFakeContext } from './azure-ad-fake-users.js';

/** Graph computes these; a request that sets one is refused. */
const readOnlyGroupProperties = new Set([
  'id',
  'createdDateTime',
  'deletedDateTime',
  'renewedDateTime',
  'mail',
  'proxyAddresses',
  'securityIdentifier',
]);
const requiredOnCreate = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'];

/** ASCII 0-127 without @ () \ [ ] " ; : < > , and space, at most 64 characters (the group resource docs). */
const mailNicknamePattern = /^[\x21-\x7e]{1,64}$/;
const mailNicknameForbidden = /[@()\\[\]";:<>,]/;

type Validated = { ok: true; properties: Record<string, unknown> } | { ok: false; response: FakeResponse };

function validateGroupBody(request: FakeRequest, mode: 'create' | 'update'): Validated {
  const fail = (message: string): Validated => ({ ok: false, response: badRequest(request, message) });
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('Write requests (excluding DELETE) must contain the Content-Type header declaration.');
  }
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@odata.') || name.includes('@odata.bind')) continue;
    const canonical = canonicalProperty('group', name);
    if (!canonical) {
      return fail(
        `Property '${name}' does not exist on type 'microsoft.graph.group'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (readOnlyGroupProperties.has(canonical)) {
      return fail(`Property '${canonical}' is read-only and cannot be set.`);
    }
    properties[canonical] = value;
  }
  if (mode === 'create') {
    for (const name of requiredOnCreate) {
      if (properties[name] === undefined || properties[name] === null || properties[name] === '') {
        return fail(`Invalid value specified for property '${name}' of resource 'Group'.`);
      }
    }
    const unified = Array.isArray(properties.groupTypes) && properties.groupTypes.includes('Unified');
    // Graph creates Microsoft 365 groups and security groups only (group-post-groups docs).
    if (!unified && properties.mailEnabled === true) {
      return fail(
        'Creating mail-enabled security groups or distribution groups is not supported; create them in Exchange Online.',
      );
    }
    if (unified && properties.mailEnabled !== true) {
      return fail("Invalid value specified for property 'mailEnabled' of resource 'Group'.");
    }
  }
  const mailNickname = properties.mailNickname;
  if (
    mailNickname !== undefined &&
    (typeof mailNickname !== 'string' ||
      !mailNicknamePattern.test(mailNickname) ||
      mailNicknameForbidden.test(mailNickname))
  ) {
    return fail("Invalid value specified for property 'mailNickname' of resource 'Group'.");
  }
  return { ok: true, properties };
}

function groupTarget(record: Record<string, unknown>): AuditTarget {
  return { id: String(record.id), displayName: String(record.displayName ?? ''), type: 'Group' };
}

/** POST /groups (201), PATCH /groups/{id} (204), DELETE /groups/{id} (204). */
export function groupWriteRoutes(context: GraphFakeContext): FakeRoute[] {
  const { groups } = context;
  return [
    {
      name: 'groups.create',
      method: 'POST',
      pattern: '/v1.0/groups',
      handle(request) {
        const validated = validateGroupBody(request, 'create');
        if (!validated.ok) return validated.response;
        const { properties } = validated;
        if (properties.mailEnabled === true && groups.hasMailNickname(String(properties.mailNickname))) {
          return badRequest(
            request,
            'Another object with the same value for property mailNickname already exists.',
          );
        }
        const record = groups.create(properties);
        context.audits.record('Add group', 'GroupManagement', [groupTarget(record)]);
        return graphJson(request, 201, {
          '@odata.context': metadataUrl(request, 'groups/$entity'),
          ...project('group', record, defaultGroupProjection),
        });
      },
    },
    {
      name: 'groups.update',
      method: 'PATCH',
      pattern: '/v1.0/groups/:id',
      handle(request) {
        const id = request.params.id!;
        if (!groups.record(id)) return resourceNotFound(request, id);
        const validated = validateGroupBody(request, 'update');
        if (!validated.ok) return validated.response;
        groups.update(id, validated.properties);
        return graphNoContent(request);
      },
    },
    {
      name: 'groups.delete',
      method: 'DELETE',
      pattern: '/v1.0/groups/:id',
      handle(request) {
        const id = request.params.id!;
        const record = groups.record(id);
        if (!record) return resourceNotFound(request, id);
        groups.delete(id);
        context.audits.record('Delete group', 'GroupManagement', [groupTarget(record)]);
        return graphNoContent(request);
      },
    },
  ];
}

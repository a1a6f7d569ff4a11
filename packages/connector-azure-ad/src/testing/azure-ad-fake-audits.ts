import { randomUUID } from 'node:crypto';
import { type FakeRoute, type SeedUser, seedId } from '@unidir/testkit';
import { entityCollectionPage, parseEntityQuery } from './azure-ad-fake-entity-query.js';
import type { GraphFakeDirectory } from './azure-ad-fake-records.js';
import { graphError, graphTimestamp } from './azure-ad-fake-responses.js';
import type { FakeTenant } from './azure-ad-fake-tenant.js';
import type { GraphFakeContext } from './azure-ad-fake-users.js';

type AuditRecord = Record<string, unknown>;

export interface AuditTarget {
  id: string;
  displayName: string | null;
  type: 'User' | 'Group';
  userPrincipalName?: string | null;
}

/**
 * The tenant's directory audit log, newest first: what the application did through the fake (group and
 * membership writes, user deletes), then one `Add user` event per seeded user, performed by seeded user 0.
 */
export class FakeAuditLog {
  readonly #live: AuditRecord[] = [];
  readonly #directory: GraphFakeDirectory;
  readonly #tenant: FakeTenant;
  readonly #now: () => number;

  constructor(directory: GraphFakeDirectory, tenant: FakeTenant, now: () => number) {
    this.#directory = directory;
    this.#tenant = tenant;
    this.#now = now;
  }

  /** Records what the application just did, as Entra's Core Directory service logs it. */
  record(activity: string, category: 'UserManagement' | 'GroupManagement', targets: AuditTarget[]): void {
    this.#live.unshift({
      ...auditShape(activity, category, graphTimestamp(new Date(this.#now()).toISOString())),
      id: `Directory_${randomUUID()}`,
      initiatedBy: {
        app: {
          appId: this.#tenant.clientId,
          displayName: this.#tenant.applicationName,
          servicePrincipalId: this.#tenant.servicePrincipalId,
          servicePrincipalName: null,
        },
        user: null,
      },
      targetResources: targets.map(targetResource),
    });
  }

  /** Events by position, newest first. */
  list(offset: number, limit: number): AuditRecord[] {
    const events = this.#live.slice(offset, offset + limit);
    const seedCount = this.#directory.seedUserCount;
    const initiator = seedCount > 0 ? this.#seedUser(0) : undefined;
    for (let position = Math.max(offset, this.#live.length); events.length < limit; position++) {
      const index = seedCount - 1 - (position - this.#live.length);
      if (index < 0) break;
      events.push(this.#seededEvent(index, initiator));
    }
    return events;
  }

  #seedUser(index: number): SeedUser | undefined {
    return this.#directory.userById(seedId(this.#directory.seed, 'user', index), { includeDeleted: true });
  }

  #seededEvent(index: number, initiator: SeedUser | undefined): AuditRecord {
    const user = this.#seedUser(index);
    const id = user?.id ?? seedId(this.#directory.seed, 'user', index);
    return {
      ...auditShape(
        'Add user',
        'UserManagement',
        graphTimestamp(user?.createdAt ?? new Date(0).toISOString()),
      ),
      id: `Directory_seed_${index}`,
      initiatedBy: {
        app: null,
        user: initiator
          ? {
              id: initiator.id,
              displayName: null,
              userPrincipalName: initiator.email,
              ipAddress: '203.0.113.10',
              userType: 'Member',
              homeTenantId: this.#tenant.tenantId,
              homeTenantName: null,
            }
          : null,
      },
      targetResources: [
        targetResource({ id, displayName: null, type: 'User', userPrincipalName: user?.email ?? null }),
      ],
    };
  }
}

function auditShape(activity: string, category: string, activityDateTime: string): AuditRecord {
  return {
    category,
    correlationId: randomUUID(),
    result: 'success',
    resultReason: '',
    activityDisplayName: activity,
    activityDateTime,
    loggedByService: 'Core Directory',
    operationType: activity.split(' ')[0],
    additionalDetails: [],
  };
}

function targetResource(target: AuditTarget): AuditRecord {
  return {
    id: target.id,
    displayName: target.displayName,
    type: target.type,
    userPrincipalName: target.userPrincipalName ?? null,
    groupType: null,
    modifiedProperties: [],
  };
}

/** `GET /auditLogs/directoryAudits`: AuditLog.Read.All and, as Graph enforces it, an Entra ID P1/P2 tenant. */
export function auditRoutes(context: GraphFakeContext, audits: FakeAuditLog): FakeRoute[] {
  return [
    {
      name: 'directoryAudits.list',
      method: 'GET',
      pattern: '/v1.0/auditLogs/directoryAudits',
      handle(request) {
        if (!context.premiumLicensed) {
          return graphError(
            request,
            403,
            'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
            "Neither tenant is B2C or tenant doesn't have premium license",
          );
        }
        const parsed = parseEntityQuery(request, {
          entityName: 'microsoft.graph.directoryAudit',
          filterable: {
            activityDateTime: ['eq', 'ge', 'le'],
            activityDisplayName: ['eq'],
            category: ['eq'],
            'initiatedBy/user/id': ['eq'],
            'initiatedBy/app/appId': ['eq'],
          },
          defaultTop: 100,
          maxTop: 999,
        });
        if (!parsed.ok) return parsed.response;
        return entityCollectionPage(request, {
          query: parsed.query,
          fragment: 'auditLogs/directoryAudits',
          fetch: (offset, limit) => audits.list(offset, limit),
        });
      },
    },
  ];
}

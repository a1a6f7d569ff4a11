import { hash } from 'node:crypto';
import { type FakeRequest, type FakeResponse, type FakeRoute, isFakeResponse } from '@unidir/testkit';
import type { GoogleFakeDirectory } from './google-workspace-fake-directory.js';
import { googleError } from './google-workspace-fake-errors.js';
import { decodePageToken, encodePageToken, parseMaxResults } from './google-workspace-fake-page-token.js';
import { authorizedRoute, listEnvelope } from './google-workspace-fake-routes.js';
import { methodScopes } from './google-workspace-fake-scopes.js';
import type { AccessGrant, FakeTokenIssuer } from './google-workspace-fake-token.js';

/** One Reports API activity record, as activities.list answers it. */
export interface GoogleActivity {
  kind: 'admin#reports#activity';
  id: { time: string; uniqueQualifier: string; applicationName: string; customerId: string };
  etag: string;
  actor: { callerType: 'USER'; email: string; profileId: string };
  ipAddress: string;
  events: Array<{ type: string; name: string; parameters: Array<{ name: string; value: string }> }>;
}

/** How many seeded users get a CREATE_USER event: enough to page through, bounded for huge directories. */
const seededEventCount = 120;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The admin application's audit log: a CREATE_USER event for each of the first seeded users (at their
 * creation time, by the administrator), then one event for every write made through the fake.
 */
export class GoogleFakeAuditLog {
  readonly #events: GoogleActivity[] = [];
  #sequence = 0;

  constructor(readonly fake: GoogleFakeDirectory) {
    const administrator = fake.administrator.email;
    const seeded = fake.directory.listUsers({ offset: 0, limit: seededEventCount }).users;
    for (const user of seeded) {
      this.#append(administrator, user.createdAt, 'USER_SETTINGS', 'CREATE_USER', { USER_EMAIL: user.email });
    }
  }

  record(grant: AccessGrant, type: string, name: string, parameters: Record<string, string>): void {
    const actor = grant.subject ?? this.fake.administrator.email;
    this.#append(actor, new Date(this.fake.now()).toISOString(), type, name, parameters);
  }

  /** Newest first, as Google answers. */
  list(filter: { actor?: string; start?: number; end?: number }): GoogleActivity[] {
    return this.#events
      .filter((activity) => {
        const time = Date.parse(activity.id.time);
        if (filter.start !== undefined && time < filter.start) return false;
        if (filter.end !== undefined && time > filter.end) return false;
        return filter.actor === undefined || activity.actor.email === filter.actor;
      })
      .sort((left, right) => Date.parse(right.id.time) - Date.parse(left.id.time));
  }

  #append(
    actorEmail: string,
    time: string,
    type: string,
    name: string,
    parameters: Record<string, string>,
  ): void {
    const actor = this.fake.findUser(actorEmail);
    const profileId = isFakeResponse(actor) ? '0' : this.fake.ids.userId(actor.index);
    const uniqueQualifier = String(BigInt(`0x${hash('sha1', `${time}:${this.#sequence++}`).slice(0, 15)}`));
    const activity: Omit<GoogleActivity, 'etag'> = {
      kind: 'admin#reports#activity',
      id: { time, uniqueQualifier, applicationName: 'admin', customerId: this.fake.ids.customerId },
      actor: { callerType: 'USER', email: actorEmail, profileId },
      ipAddress: '203.0.113.7',
      events: [
        {
          type,
          name,
          parameters: Object.entries(parameters).map(([parameter, value]) => ({ name: parameter, value })),
        },
      ],
    };
    this.#events.push({ ...activity, etag: `"${hash('sha1', JSON.stringify(activity), 'base64url')}"` });
  }
}

function parseTime(value: string | null, name: string): number | undefined | FakeResponse {
  if (value === null) return undefined;
  const time = Date.parse(value);
  if (!isoDateTime.test(value) || Number.isNaN(time)) {
    return googleError(400, 'invalid', `Invalid value for parameter ${name}: ${value}`);
  }
  return time;
}

/** `GET /admin/reports/v1/activity/users/{userKey}/applications/{applicationName}`: activities.list. */
export function createReportsRoutes(
  fake: GoogleFakeDirectory,
  tokens: FakeTokenIssuer,
  audit: GoogleFakeAuditLog,
): FakeRoute[] {
  const route = authorizedRoute(tokens, '/admin/reports/v1');
  const listActivities = (request: FakeRequest): FakeResponse => {
    const limit = parseMaxResults(request.query.get('maxResults'), 1000, 1000);
    if (typeof limit === 'string') return googleError(400, 'invalid', limit);
    const start = parseTime(request.query.get('startTime'), 'startTime');
    if (isFakeResponse(start)) return start;
    const end = parseTime(request.query.get('endTime'), 'endTime');
    if (isFakeResponse(end)) return end;
    if (start !== undefined && end !== undefined && start > end) {
      return googleError(400, 'invalid', 'Start time must be less than or equal to end time.');
    }
    const userKey = request.params.userKey ?? 'all';
    let actor: string | undefined;
    if (userKey !== 'all') {
      const user = fake.findUser(userKey);
      if (isFakeResponse(user)) return user;
      actor = user.email;
    }
    // The fake keeps the admin application's events only; every other application has none.
    const activities = request.params.applicationName === 'admin' ? audit.list({ actor, start, end }) : [];
    const fingerprint = JSON.stringify([userKey, request.params.applicationName, start, end]);
    const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
    if (offset === 'invalid') return googleError(400, 'invalid', 'Invalid value for parameter pageToken');
    const from = offset ?? 0;
    const token = from + limit < activities.length ? encodePageToken(from + limit, fingerprint) : undefined;
    return {
      status: 200,
      body: listEnvelope('admin#reports#activities', 'items', activities.slice(from, from + limit), token),
    };
  };
  return [
    route(
      'activities.list',
      'GET',
      '/activity/users/:userKey/applications/:applicationName',
      methodScopes.readActivities,
      listActivities,
    ),
  ];
}

import {
  type ExecutableResource,
  type ListResult,
  type OperationName,
  type RecordResult,
  unifiedRecordSchemas,
} from '@unidir/core';
import { expect, it } from 'vitest';
import type { HarnessAccess } from './conformance-assertions.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';

/** The resources that are only read; users and groups have their own tests. */
const readOnlyResources: readonly ExecutableResource[] = [
  'roles',
  'role_assignments',
  'licenses',
  'organizations',
  'workspaces',
  'me',
  'activities',
];
const pageSize = 5;
const maxPages = 200;

export function declares(
  options: ConnectorConformanceOptions,
  resource: ExecutableResource,
  operation: OperationName,
): boolean {
  const operations = options.connector.manifest[resource] as
    | Partial<Record<OperationName, unknown>>
    | undefined;
  return operations?.[operation] !== undefined;
}

/** The test's title, saying why it is skipped when the connector does not declare what it needs. */
export function titleFor(title: string, needs: string, applies: boolean): string {
  return applies ? title : `${title} (skipped: the connector does not declare ${needs})`;
}

/** A list the manifest says needs `user_id` is listed for a seeded user; other required filters can't be. */
function requiredListParameters(
  harness: ReturnType<HarnessAccess>,
  options: ConnectorConformanceOptions,
  resource: ExecutableResource,
): Record<string, unknown> | undefined {
  const declared = options.connector.manifest[resource]?.list?.parameters ?? {};
  const required = Object.entries(declared).filter(([, capability]) => capability.required);
  if (required.some(([name]) => name !== 'user_id')) return undefined;
  return required.length > 0 ? { user_id: harness.unifiedUserId(harness.seedUser(0)) } : {};
}

async function listEvery(
  harness: ReturnType<HarnessAccess>,
  options: ConnectorConformanceOptions,
  resource: ExecutableResource,
): Promise<Array<RecordResult<{ id: string }>>> {
  const records: Array<RecordResult<{ id: string }>> = [];
  const filters = requiredListParameters(harness, options, resource);
  if (filters === undefined) return records;
  let cursor: string | undefined;
  for (let page = 1; page <= maxPages; page++) {
    const result = (await harness.run(resource, 'list', {
      ...filters,
      limit: pageSize,
      ...(cursor ? { cursor } : {}),
    })) as ListResult<{ id: string }>;
    expect(result.records.length, `${resource} page ${page} holds more than the limit`).toBeLessThanOrEqual(
      pageSize,
    );
    records.push(...result.records);
    if (result.nextCursor === null) return records;
    expect(result.nextCursor, `${resource} page ${page} repeats its cursor`).not.toBe(cursor);
    cursor = result.nextCursor;
  }
  return records;
}

/** roles, role assignments, licenses, organizations, workspaces, me, activities: what is declared works. */
export function registerResourceTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  for (const resource of readOnlyResources) {
    const listed = declares(options, resource, 'list');
    it.runIf(listed)(
      titleFor(`lists ${resource} as valid unified records, each once`, `${resource}.list`, listed),
      async () => {
        const records = await listEvery(harness(), options, resource);
        for (const record of records) {
          const parsed = unifiedRecordSchemas[resource].safeParse(record.unified);
          expect(parsed.error?.issues ?? [], `${resource} record ${record.unified.id}`).toEqual([]);
        }
        const ids = records.map((record) => record.unified.id);
        expect(new Set(ids).size, `${resource} lists a record twice`).toBe(ids.length);
      },
    );

    const got = listed && declares(options, resource, 'get');
    it.runIf(got)(
      titleFor(`gets each listed ${resource} record by its id`, `${resource}.list and get`, got),
      async () => {
        const records = await listEvery(harness(), options, resource);
        for (const record of records.slice(0, 3)) {
          const fetched = (await harness().run(resource, 'get', { id: record.unified.id })) as RecordResult<{
            id: string;
          }>;
          expect(fetched.unified.id).toBe(record.unified.id);
        }
      },
    );
  }
}

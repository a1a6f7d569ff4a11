import { deleteUserParametersSchema } from '@unidir/core';
import { expect, it } from 'vitest';
import { callLines, type HarnessAccess, isSafeMethod, rejectionOf } from './conformance-assertions.js';
import type { ConformanceHarness } from './conformance-harness.js';
import type { ConnectorConformanceOptions, DeleteTarget } from './conformance-options.js';
import { manifestRefusal } from './manifest-checks.js';

/** The seeded user deletes act on (index 1: not an admin), one of its groups, and a warmed-up client. */
export async function prepareDeleteTarget(harness: ConformanceHarness): Promise<{
  target: DeleteTarget;
  seedUserId: string;
  seedGroupIds: string[];
}> {
  const user = harness.seedUser(1);
  const seedGroupIds = harness.directory.groupIdsOfUser(user.id);
  const group = harness.directory.groupById(seedGroupIds[0] ?? '');
  if (!group)
    throw new Error('The fixture seeded user 1 into no group; keep the SeededDirectory membership rule.');
  const target = { userId: harness.unifiedUserId(user), groupId: harness.unifiedGroupId(group) };
  // A get first, so token requests and other one-off calls are out of the way before the exact-call check.
  await harness.getUser(target.userId);
  harness.server.journal.clear();
  return { target, seedUserId: user.id, seedGroupIds };
}

const refusalCodes = ['unsupported_parameter', 'validation_failed', 'missing_parameter'];

/** Deletes are exact: each scenario makes exactly the calls it declares; refused options make none. */
export function registerDeleteTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  for (const scenario of options.deleteScenarios) {
    it(`delete "${scenario.name}" makes exactly its declared provider calls, in order, once`, async () => {
      const { target, seedUserId } = await prepareDeleteTarget(harness());
      const result = await harness().deleteUser({ ...scenario.parameters(target), id: target.userId });
      expect(callLines(harness().providerRequests())).toEqual(callLines(scenario.expectedCalls(target)));
      expect(result.actions.length, 'a delete reports at least one action').toBeGreaterThan(0);
      expect(result.actions.map((action) => action.outcome)).toEqual(result.actions.map(() => 'done'));
      expect(harness().directory.userById(seedUserId) !== undefined, 'user remains').toBe(
        scenario.userRemains,
      );
    });

    it(`delete "${scenario.name}" in a dry run sends no mutating call and changes nothing`, async () => {
      const { target, seedUserId, seedGroupIds } = await prepareDeleteTarget(harness());
      const result = await harness().deleteUser(
        { ...scenario.parameters(target), id: target.userId },
        { dryRun: true },
      );
      expect(
        harness()
          .providerRequests()
          .filter((entry) => !isSafeMethod(entry.method)),
      ).toEqual([]);
      expect(result.actions.map((action) => action.outcome)).toEqual(result.actions.map(() => 'planned'));
      expect(harness().directory.userById(seedUserId)).toBeDefined();
      expect(harness().directory.groupIdsOfUser(seedUserId)).toEqual(seedGroupIds);
    });
  }

  for (const parameters of options.refusedDeleteParameters) {
    it(`refuses delete with ${JSON.stringify(parameters)} before any provider call`, async () => {
      const byManifest = manifestRefusal(options.connector.manifest.users?.delete, parameters);
      const parsed = deleteUserParametersSchema.safeParse({ ...parameters, id: 'x' });
      if (byManifest || !parsed.success) {
        // The runtime refuses these before the connector is called: the manifest (or core's schema) says so.
        expect(byManifest ?? parsed.error?.message).toBeTruthy();
        return;
      }
      const { target, seedUserId } = await prepareDeleteTarget(harness());
      const error = await rejectionOf(harness().deleteUser({ ...parameters, id: target.userId }));
      expect(refusalCodes, `refused with code ${error.code}`).toContain(error.code);
      expect(error.httpStatus).toBe(400);
      expect(callLines(harness().providerRequests())).toEqual([]);
      expect(harness().directory.userById(seedUserId)).toBeDefined();
    });
  }
}

import { expect, it } from 'vitest';
import { type HarnessAccess, isSafeMethod } from './conformance-assertions.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';
import { declaredTopLevelFields } from './manifest-checks.js';

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** Create and update: what is written reads back, and a dry run writes nothing. */
export function registerWriteTests(harness: HarnessAccess, options: ConnectorConformanceOptions): void {
  const { createUserBody, updateUserBody } = options;
  const getFields = declaredTopLevelFields(options.connector.manifest.users?.get);

  it.runIf(createUserBody)('creates a user that a get then finds', async () => {
    const body = createUserBody!;
    const usersBefore = harness().directory.listUsers({ offset: 0, limit: 0 }).total;
    const created = await harness().createUser(body);
    expect(created, 'create returned null outside a dry run').not.toBeNull();
    const fetched = await harness().getUser(created!.unified.id);
    expect(fetched.unified.id).toBe(created!.unified.id);
    expect(harness().directory.listUsers({ offset: 0, limit: 0 }).total).toBe(usersBefore + 1);
    const primaryEmail = body.emails?.find((email) => email.is_primary)?.email ?? body.emails?.[0]?.email;
    if (primaryEmail && getFields.includes('emails')) {
      expect(fetched.unified.emails?.map((email) => email.email.toLowerCase())).toContain(
        primaryEmail.toLowerCase(),
      );
    }
  });

  it.runIf(createUserBody)('creates nothing in a dry run, and returns null', async () => {
    const usersBefore = harness().directory.listUsers({ offset: 0, limit: 0 }).total;
    harness().server.journal.clear();
    expect(await harness().createUser(createUserBody!, { dryRun: true })).toBeNull();
    const mutating = harness()
      .providerRequests()
      .filter((entry) => !isSafeMethod(entry.method));
    expect(mutating).toEqual([]);
    expect(harness().directory.listUsers({ offset: 0, limit: 0 }).total).toBe(usersBefore);
  });

  it.runIf(updateUserBody)('updates a user so that a get reads the new values back', async () => {
    const body = updateUserBody!;
    const id = harness().unifiedUserId(harness().seedUser(2));
    const updated = await harness().updateUser(id, body);
    expect(updated, 'update returned null outside a dry run').not.toBeNull();
    const fetched = (await harness().getUser(id)).unified as Record<string, unknown>;
    for (const [field, value] of Object.entries(body)) {
      if (isScalar(value) && getFields.includes(field)) expect(fetched[field], field).toEqual(value);
    }
  });

  it.runIf(updateUserBody)('changes nothing in a dry run update, and returns null', async () => {
    const id = harness().unifiedUserId(harness().seedUser(2));
    const before = await harness().getUser(id);
    harness().server.journal.clear();
    expect(await harness().updateUser(id, updateUserBody!, { dryRun: true })).toBeNull();
    const mutating = harness()
      .providerRequests()
      .filter((entry) => !isSafeMethod(entry.method));
    expect(mutating).toEqual([]);
    expect((await harness().getUser(id)).unified).toEqual(before.unified);
  });
}

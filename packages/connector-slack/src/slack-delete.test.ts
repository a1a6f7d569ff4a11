import { deleteUserParametersSchema } from '@unidir/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack users.delete', () => {
  let harness: Harness;
  const remove = (parameters: Record<string, unknown>) =>
    harness.users.delete!(deleteUserParametersSchema.parse(parameters), harness.context());

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  describe('workspace_id', () => {
    it('takes the user out of that one workspace only: it stays in the org and its other workspace', async () => {
      const { seed, id } = harness.seedUser(4);
      expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000001', 'T00000002']);
      const result = await remove({ id, workspace_id: 'T00000001' });
      expect(result.actions).toEqual([
        { action: 'remove_from_workspace', target: 'T00000001', outcome: 'done' },
      ]);
      expect(harness.journal()).toEqual(['GET /api/users.info', 'POST /api/admin.users.remove']);
      expect(harness.fake.server.journal.forRoute('admin.users.remove')[0]?.body).toEqual({
        team_id: 'T00000001',
        user_id: id,
      });
      expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000002']);
      expect(harness.fake.org.isDeactivated(seed)).toBe(false);
      expect(result.user?.unified.id).toBe(id);
    });

    it('after a lost answer, a repeat reads the user, finds it gone from the workspace and sends nothing: already_done', async () => {
      const { seed, id } = harness.seedUser(4);
      harness.fake.server.injectFault({
        route: 'admin.users.remove',
        nth: [1],
        fault: { kind: 'commit-then-fail' },
      });
      await expect(remove({ id, workspace_id: 'T00000001' })).rejects.toMatchObject({
        code: 'provider_unavailable',
      });
      const repeat = await remove({ id, workspace_id: 'T00000001' });
      expect(repeat.actions).toEqual([
        { action: 'remove_from_workspace', target: 'T00000001', outcome: 'already_done' },
      ]);
      expect(harness.journal()).toEqual([
        'GET /api/users.info',
        'POST /api/admin.users.remove',
        'GET /api/users.info',
        'GET /api/team.info',
      ]);
      expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000002']);
    });

    it('answers NotFoundError for a workspace that does not exist, removing nothing', async () => {
      const { seed, id } = harness.seedUser(4);
      await expect(remove({ id, workspace_id: 'T0ZZZZZZZ' })).rejects.toMatchObject({ code: 'not_found' });
      expect(harness.journal()).toEqual(['GET /api/users.info', 'GET /api/team.info']);
      expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000001', 'T00000002']);
    });

    it('in a dry run reads the user and plans the removal without sending it', async () => {
      const { seed, id } = harness.seedUser(4);
      const result = await harness.users.delete!(
        deleteUserParametersSchema.parse({ id, workspace_id: 'T00000002' }),
        harness.context({ dryRun: true }),
      );
      expect(result.actions).toEqual([
        { action: 'remove_from_workspace', target: 'T00000002', outcome: 'planned' },
      ]);
      expect(harness.journal()).toEqual(['GET /api/users.info']);
      expect(harness.fake.org.workspaceIdsOf(seed)).toEqual(['T00000001', 'T00000002']);
    });
  });

  describe('default (deactivate everywhere)', () => {
    it('deactivates through SCIM DELETE: users.info then shows the user deactivated', async () => {
      const { id } = harness.seedUser(1);
      const result = await remove({ id });
      expect(result.actions).toEqual([{ action: 'deactivate', target: id, outcome: 'done' }]);
      expect(harness.journal()).toEqual([`DELETE /scim/v2/Users/${id}`]);
      const after = await harness.users.get!({ id }, harness.context());
      expect(after.unified.status).toBe('inactive');
    });

    it('a caller repeating a delete whose answer was lost gets already_done, and Slack gets no second deactivation', async () => {
      const { id } = harness.seedUser(1);
      await remove({ id });
      const repeat = await remove({ id });
      expect(repeat.actions).toEqual([{ action: 'deactivate', target: id, outcome: 'already_done' }]);
      expect(harness.journal()).toEqual([
        `DELETE /scim/v2/Users/${id}`,
        `DELETE /scim/v2/Users/${id}`,
        'GET /api/users.info',
      ]);
      expect(harness.fake.server.journal.forRoute('scim.users.delete').map((entry) => entry.status)).toEqual([
        204, 404,
      ]);
    });

    it('answers NotFoundError for a user that does not exist', async () => {
      await expect(remove({ id: 'W0ZZZZZZZ' })).rejects.toMatchObject({ code: 'not_found', httpStatus: 404 });
    });

    it('refuses permanent=true before any call, saying Slack never deletes users permanently', async () => {
      const { id } = harness.seedUser(1);
      const error = await remove({ id, permanent: true }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'unsupported_parameter', httpStatus: 400 });
      expect((error as Error).message).toContain('never deletes users permanently');
      expect(harness.journal()).toEqual([]);
    });

    it("refuses an organization that is not the user's after reading it, deleting nothing", async () => {
      const { seed, id } = harness.seedUser(1);
      await expect(
        remove({ id, remove_from: 'organization', remove_from_id: 'E0ELSEWHERE' }),
      ).rejects.toMatchObject({
        code: 'organization_mismatch',
      });
      expect(harness.journal()).toEqual(['GET /api/users.info']);
      expect(harness.fake.org.isDeactivated(seed)).toBe(false);
    });
  });

  describe('user_type guard', () => {
    it('deletes nothing when the user is not of the given type', async () => {
      const { seed, id } = harness.seedUser(1);
      await expect(remove({ id, user_type: 'admin' })).rejects.toMatchObject({ code: 'user_type_mismatch' });
      expect(harness.journal()).toEqual(['GET /api/users.info']);
      expect(harness.fake.org.isDeactivated(seed)).toBe(false);
    });

    it('deactivates an admin when user_type=admin', async () => {
      const { id } = harness.seedUser(2);
      const result = await remove({ id, user_type: 'admin' });
      expect(result.user?.unified.user_type).toBe('admin');
      expect(harness.journal()).toEqual(['GET /api/users.info', `DELETE /scim/v2/Users/${id}`]);
    });
  });

  it('refuses ids that are not Slack ids before any call', async () => {
    await expect(remove({ id: 'W1"]' })).rejects.toMatchObject({ code: 'invalid_id' });
    await expect(remove({ id: 'W00000001', group_id: 'S1 or 1' })).rejects.toMatchObject({
      code: 'invalid_id',
    });
    expect(harness.journal()).toEqual([]);
  });
});

import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackCredentialsSchema } from './slack-settings.js';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack credentials', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('with a bot token, plain reads use it; admin methods, SCIM and the reads that decide a write use the user token', async () => {
    const botToken = harness.fake.tokens.issueBot('W0000000B', [
      'users:read',
      'users:read.email',
      'usergroups:read',
    ]);
    const client = createLoopbackClient(harness.connector, {
      credentials: { access_token: harness.fake.adminToken, bot_token: botToken },
      settings: harness.fake.settings,
    });
    const context = () => createOperationContext(client);
    const { id } = harness.seedUser(4);
    await harness.users.list!({ limit: 5 }, context());
    await harness.users.get!({ id }, context());
    await harness.groups.list!({}, context());
    await harness.connector.workspaces!.list!({}, context());
    await harness.users.delete!({ id, workspace_id: 'T00000001' }, context());
    await harness.users.delete!({ id: harness.seedUser(1).id }, context());
    expect(harness.fake.tokens.lookup(botToken)?.calls).toEqual([
      'users.list',
      'users.info',
      'usergroups.list',
    ]);
    expect(harness.fake.tokens.lookup(harness.fake.adminToken)?.calls).toEqual([
      'admin.teams.list',
      'users.info',
      'admin.users.remove',
      'SCIM DELETE /Users/W00000001',
    ]);
  });

  it('never puts a token in an error or the provider-call records', async () => {
    const botToken = harness.fake.tokens.issueBot('W0000000B', []);
    const client = createLoopbackClient(harness.connector, {
      credentials: { access_token: harness.fake.adminToken, bot_token: botToken },
      settings: harness.fake.settings,
    });
    const context = createOperationContext(client);
    const error = await harness.users.list!({}, context).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_missing_scope' });
    const seen = `${JSON.stringify(error)} ${(error as Error).message} ${JSON.stringify(context.providerCalls)}`;
    expect(seen).not.toContain(botToken);
    expect(seen).not.toContain(harness.fake.adminToken);
  });

  it('refuses tokens of the wrong kind, naming only the field', () => {
    const parsed = slackCredentialsSchema.safeParse({ access_token: 'xoxb-1-bot-not-user' });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((issue) => issue.message).join(' ');
    expect(issues).not.toContain('xoxb-1-bot-not-user');
    expect(() =>
      harness.connector.createClient(
        {
          id: 'x',
          credentials: { access_token: 'xoxp-secret-1', bot_token: 'xoxp-secret-2' } as never,
          settings: {},
        },
        { logger: harness.logger },
      ),
    ).toThrow(/check: bot_token/);
  });
});

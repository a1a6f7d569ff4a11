import { startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { startGoogleWorkspaceFake } from '@unidir/connector-google-workspace/testing';
import type { ConnectorSandbox, StartConnectorSandbox } from '@unidir/core';
import type { FakeProviderServer, SeededDirectory } from '@unidir/testkit';

/** The person every offboarding test removes; created in each fake, so every account has them. */
export const leaver = { givenName: 'Alice', familyName: 'Leaver', username: 'alice.leaver' };
export const leaverEmail = 'alice.leaver@unidir.test';

/** A running fake of one connector, with what a test needs to check the provider's side. */
export interface OffboardingFake {
  integration: string;
  server: FakeProviderServer;
  directory: SeededDirectory<Record<string, unknown>>;
  sandbox: ConnectorSandbox;
  /** The id the provider shows for a user of the seeded directory. */
  providerId(seedUserId: string): string;
  /** Adds a user; answers the provider's id. */
  createUser(fields: { givenName: string; familyName: string; username: string }): string;
  /** The id the leaver has in this fake. */
  leaverId: string;
}

type StartedFake = Omit<OffboardingFake, 'leaverId' | 'createUser'>;

/** One entry per connector with a fake: a new connector is offboarded by the tests once it is added here. */
const fakeStarters: Record<string, (users: number) => Promise<StartedFake>> = {
  'azure-ad': async (users) => {
    const fake = await startAzureAdFake({ users, seed: 7 });
    return {
      integration: 'azure-ad',
      server: fake.server,
      directory: fake.directory,
      sandbox: { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close },
      providerId: (seedUserId) => seedUserId,
    };
  },
  'google-workspace': async (users) => {
    const fake = await startGoogleWorkspaceFake({ users, seed: 7 });
    return {
      integration: 'google-workspace',
      server: fake.server,
      directory: fake.directory as unknown as SeededDirectory<Record<string, unknown>>,
      sandbox: { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close },
      providerId: (seedUserId) => {
        const user = fake.directory.userById(seedUserId, { includeDeleted: true });
        if (!user) throw new Error(`no user ${seedUserId}`);
        return fake.google.toUser(user).id as string;
      },
    };
  },
};

export const offboardingIntegrations = Object.keys(fakeStarters);

export async function startOffboardingFake(integration: string, users = 4): Promise<OffboardingFake> {
  const start = fakeStarters[integration];
  if (!start) throw new Error(`no fake for ${integration}`);
  const fake = await start(users);
  const createUser: OffboardingFake['createUser'] = (fields) =>
    fake.providerId(fake.directory.createUser(fields).id);
  return { ...fake, createUser, leaverId: createUser(leaver) };
}

/**
 * Sandbox starters that keep each fake they start, so tests read the journals of sandbox accounts.
 * `started` lists them in start order.
 */
export function recordingSandboxes(): {
  sandboxes: Record<string, StartConnectorSandbox>;
  started: OffboardingFake[];
} {
  const started: OffboardingFake[] = [];
  const sandboxes = Object.fromEntries(
    offboardingIntegrations.map((integration) => [
      integration,
      (async () => {
        const fake = await startOffboardingFake(integration);
        started.push(fake);
        return fake.sandbox;
      }) satisfies StartConnectorSandbox,
    ]),
  );
  return { sandboxes, started };
}

/** The provider-side deletes of one user: what must happen exactly once. */
export function deletesOf(fake: OffboardingFake, userId: string) {
  return fake.server.journal.forRoute(
    (entry) =>
      entry.method === 'DELETE' && entry.handled && entry.path.endsWith(`/${encodeURIComponent(userId)}`),
  );
}

export function allDeletes(fake: OffboardingFake) {
  return fake.server.journal.forRoute((entry) => entry.method === 'DELETE');
}

import { request } from 'undici';
import {
  deletesOf,
  type OffboardingFake,
  offboardingIntegrations,
  startOffboardingFake,
} from './offboarding-fakes.js';

export async function callJson(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await request(`${url}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered.
  return { status: response.statusCode, body: JSON.parse(text) as any };
}

/** Many accounts, each on its own fake (every connector in turn), each holding the same leaver. */
export interface Fleet {
  fakes: OffboardingFake[];
  /** UNIDIR_CONNECTORS and UNIDIR_ALLOWED_PROVIDER_HOSTS for server processes that reach these fakes. */
  environment: Record<string, string>;
  /** Creates one integrated account per fake; answers the account ids in the fakes' order. */
  connect(url: string, token: string): Promise<string[]>;
  /** Per fake, the handled provider deletes of the leaver (each must be exactly 1). */
  leaverDeleteCounts(): number[];
  close(): Promise<void>;
}

export async function startFleet(size: number): Promise<Fleet> {
  const fakes: OffboardingFake[] = [];
  // A few at a time: every fake is a loopback server, and the machine is small.
  for (let start = 0; start < size; start += 10) {
    const batch = Array.from({ length: Math.min(10, size - start) }, (_, offset) =>
      startOffboardingFake(
        offboardingIntegrations[(start + offset) % offboardingIntegrations.length] as string,
        2,
      ),
    );
    fakes.push(...(await Promise.all(batch)));
  }
  return {
    fakes,
    environment: {
      UNIDIR_CONNECTORS: offboardingIntegrations
        .map((integration) => `@unidir/connector-${integration}`)
        .join(','),
      UNIDIR_ALLOWED_PROVIDER_HOSTS: fakes
        .map((fake) => `http://127.0.0.1:${new URL(fake.server.url).port}`)
        .join(','),
    },
    async connect(url, token) {
      const ids: string[] = [];
      for (const fake of fakes) {
        const created = await callJson(url, token, 'POST', '/integrated-accounts', {
          integration: fake.integration,
          credentials: fake.sandbox.credentials,
          settings: fake.sandbox.settings,
        });
        if (created.status !== 201) throw new Error(`account not created: ${JSON.stringify(created.body)}`);
        ids.push(created.body.id);
      }
      return ids;
    },
    leaverDeleteCounts: () => fakes.map((fake) => deletesOf(fake, fake.leaverId).length),
    close: async () => {
      await Promise.all(fakes.map((fake) => fake.sandbox.close()));
    },
  };
}

/** Polls the run until it ends (or `timeoutMs` passes). */
export async function waitForRunEnd(url: string, token: string, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await callJson(url, token, 'GET', `/offboardings/${id}`);
    if (!['running', 'cancelling'].includes(run.body.status)) return run.body;
    if (Date.now() > deadline)
      throw new Error(`offboarding ${id} did not end: ${JSON.stringify(run.body.step_counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

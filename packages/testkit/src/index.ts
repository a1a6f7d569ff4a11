export {
  type CapturedLogLine,
  type CapturingLogger,
  createCapturingLogger,
  silentLogger,
} from './capturing-logger.js';
export { DuplicateError } from './duplicate-error.js';
export { createFakeDirectory, type FakeDirectoryOptions } from './fake-directory-options.js';
export {
  type FakeProviderServer,
  type FakeProviderServerOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  startFakeProviderServer,
} from './fake-provider-server.js';
export { type FakeServerHost, startFakeServerHost } from './fake-server-host.js';
export type { Fault, FaultRule } from './fault-rules.js';
export { isFakeResponse } from './is-fake-response.js';
export { collectGarbage, liveHeapBytes } from './live-heap.js';
export { createLoopbackClient, type LoopbackAccount } from './loopback-client.js';
export { createOperationContext, defaultOperationBudgetMs } from './operation-context.js';
export type { JournalEntry, RequestJournal } from './request-journal.js';
export { indexOfSeedId, type SeedKind, seedId } from './seed-ids.js';
export type { SeedGroup, SeedUser } from './seed-user.js';
export {
  type LookupOptions,
  SeededDirectory,
  type SeededDirectoryOptions,
  type SeedUserFields,
} from './seeded-directory.js';
export { createSeededRandom } from './seeded-random.js';

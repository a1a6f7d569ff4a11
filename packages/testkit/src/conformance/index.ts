export type { ConformanceHarness } from './conformance-harness.js';
export type {
  ConformanceFixture,
  ConnectorConformanceOptions,
  DeleteScenario,
  DeleteTarget,
  MembershipCalls,
  MembershipTarget,
  StartedConformanceFixture,
} from './conformance-options.js';
export { runConnectorConformance } from './run-connector-conformance.js';

import { afterEach, beforeEach, describe, expect } from 'vitest';
import { registerContractTests } from './conformance-contract-tests.js';
import { registerDeleteTests } from './conformance-delete-tests.js';
import { registerFaultTests } from './conformance-fault-tests.js';
import { registerGroupTests } from './conformance-group-tests.js';
import { type ConformanceHarness, startConformanceHarness } from './conformance-harness.js';
import { registerManifestTests } from './conformance-manifest-tests.js';
import type { ConnectorConformanceOptions } from './conformance-options.js';
import { registerReadTests } from './conformance-read-tests.js';
import { registerResourceTests } from './conformance-resource-tests.js';
import { registerWriteTests } from './conformance-write-tests.js';

/**
 * Registers the conformance suite for one connector under vitest: manifest truth, pagination, get,
 * not-found, create/update round trips, exact deletes and refusals, group writes and exact membership
 * changes, the read-only resources it declares, error mapping and faults. Every test
 * runs against a fresh fake from the fixture, and afterwards checks that no secret reached an error, a log
 * line or a provider-call record.
 */
export function runConnectorConformance(options: ConnectorConformanceOptions): void {
  describe(`${options.connector.id} connector conformance`, () => {
    let harness: ConformanceHarness | undefined;
    const current = () => {
      if (!harness) throw new Error('The conformance harness is not running.');
      return harness;
    };

    beforeEach(async () => {
      harness = await startConformanceHarness(options);
    });

    afterEach(async () => {
      const finished = harness;
      harness = undefined;
      if (!finished) return;
      try {
        expect(finished.secretLeaks(), 'secrets leaked').toEqual([]);
      } finally {
        await finished.close();
      }
    });

    describe('manifest', () => registerManifestTests(options));
    describe('reads', () => registerReadTests(current, options));
    describe('writes', () => registerWriteTests(current, options));
    describe('deletes', () => registerDeleteTests(current, options));
    describe('groups and membership', () => registerGroupTests(current, options));
    describe('roles, licenses, organizations, workspaces, me, activities', () =>
      registerResourceTests(current, options));
    describe('errors and faults', () => registerFaultTests(current, options));
    describe('contract', () => registerContractTests(current, options));
  });
}

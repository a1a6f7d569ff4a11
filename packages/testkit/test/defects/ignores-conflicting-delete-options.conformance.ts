import { runConnectorConformance } from '../../src/conformance/index.js';
import { acmeConformanceOptions } from '../acme/acme-conformance-options.js';

runConnectorConformance(
  acmeConformanceOptions(['ignores-conflicting-delete-options'], 'acme-ignores-conflicting-delete-options'),
);

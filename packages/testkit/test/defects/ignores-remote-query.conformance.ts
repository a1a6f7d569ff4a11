import { runConnectorConformance } from '../../src/conformance/index.js';
import { acmeConformanceOptions } from '../acme/acme-conformance-options.js';

runConnectorConformance(acmeConformanceOptions(['ignores-remote-query'], 'acme-ignores-remote-query'));

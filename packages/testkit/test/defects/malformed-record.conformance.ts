import { runConnectorConformance } from '../../src/conformance/index.js';
import { acmeConformanceOptions } from '../acme/acme-conformance-options.js';

runConnectorConformance(acmeConformanceOptions(['malformed-record'], 'acme-malformed-record'));

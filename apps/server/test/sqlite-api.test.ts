import { defineApiSuite } from './api-suite.js';
import { createSqliteLeg } from './support/storage-legs.js';

defineApiSuite(createSqliteLeg);

export * from './capability-manifest.js';
export * from './connector-v1.js';
export * from './define-connector.js';
export * from './errors.js';
export * from './manifest-coverage.js';
export * from './operation-parameters.js';
export * from './unified-resources.js';
export * from './unified-user.js';

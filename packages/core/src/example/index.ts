export * from './in-memory-connector.js';

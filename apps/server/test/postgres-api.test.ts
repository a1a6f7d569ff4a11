import { describe, it } from 'vitest';
import { defineApiSuite } from './api-suite.js';
import { createPostgresLeg } from './support/storage-legs.js';

const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl) {
  defineApiSuite(() => createPostgresLeg(databaseUrl));
} else {
  describe('API on PostgreSQL', () => {
    it.skip('needs DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (skipped: DATABASE_URL is unset)', () => {});
  });
}

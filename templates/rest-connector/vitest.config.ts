import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'unidir-connector-example-rest', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});

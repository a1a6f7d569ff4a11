import { defineUnidirProject } from '../../vitest.shared.js';

// The end-to-end test installs packed tarballs with npm and builds a native module: minutes, not seconds.
export default defineUnidirProject('create-unidir-connector', {
  test: { testTimeout: 600_000, hookTimeout: 600_000 },
});

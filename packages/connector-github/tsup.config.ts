import { defineUnidirBuild } from '../../tsup.shared.js';

export default defineUnidirBuild(['src/index.ts', 'src/testing/index.ts']);

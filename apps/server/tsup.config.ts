import { defineUnidirBuild } from '../../tsup.shared.js';

export default defineUnidirBuild(['src/index.ts', 'src/main.ts', 'src/cli.ts']);

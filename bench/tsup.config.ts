import type { Options } from 'tsup';
import { defineUnidirBuild } from '../tsup.shared.js';

// The shared path to tsconfig.build.json assumes packages two levels deep; bench sits one level down.
const options: Options = {
  ...(defineUnidirBuild(['src/index.ts']) as Options),
  tsconfig: '../tsconfig.build.json',
};

export default options;

import { defineUnidirProject } from '../../vitest.shared.js';

export default defineUnidirProject('connector-github');

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve } from 'import-meta-resolve';

export type ImportModule = (name: string) => Promise<unknown>;

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/**
 * Imports a connector package by name as the host project sees it: resolved from the project folder
 * (where `npm install @unidir/server @acme/unidir-connector-x` put both), then from the server's own
 * dependencies. Node's `import()` alone resolves only from the server's files and ignores NODE_PATH, so a
 * package installed beside the server would not be found.
 */
export function createHostProjectImporter(projectDirectory: string): ImportModule {
  const parent = pathToFileURL(join(projectDirectory, 'package.json')).href;
  return async (name) => {
    let url: string;
    try {
      url = resolve(name, parent);
    } catch (error) {
      if (!isModuleNotFound(error)) throw error;
      return import(name);
    }
    return import(url);
  };
}

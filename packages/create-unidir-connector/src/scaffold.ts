import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

/** The template's connector, as its names appear in file names and code. */
const templateNames = {
  id: 'example-rest',
  pascal: 'ExampleRest',
  camel: 'exampleRest',
  display: 'Example REST',
  packageName: 'unidir-connector-example-rest',
};

const connectorIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface ScaffoldOptions {
  /** The template folder (the package's `template/`). */
  templateDirectory: string;
  /** Where to write the connector; must not exist or be empty. */
  targetDirectory: string;
  /** The connector id, lower-case words joined by dashes: `acme-hr`. Default: from the folder name. */
  id?: string;
  /** The provider's name as people read it: `Acme HR`. Default: from the id. */
  displayName?: string;
}

export interface ScaffoldResult {
  id: string;
  packageName: string;
  files: string[];
}

const words = (id: string) => id.split('-');
const capitalized = (word: string) => `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`;

/** `unidir-connector-acme-hr` → `acme-hr`. */
export function connectorIdFromDirectory(directory: string): string {
  return basename(resolve(directory))
    .replace(/^unidir-connector-/, '')
    .toLowerCase();
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes a new connector package from the template, renamed for `id`. */
export function scaffoldConnector(options: ScaffoldOptions): ScaffoldResult {
  const id = options.id ?? connectorIdFromDirectory(options.targetDirectory);
  if (!connectorIdPattern.test(id) || id.length > 64) {
    throw new Error(`"${id}" is not a connector id: use lower-case words joined by dashes, like "acme-hr".`);
  }
  const target = resolve(options.targetDirectory);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${target} is not empty: choose a new folder.`);
  }
  const names = {
    id,
    pascal: words(id).map(capitalized).join(''),
    camel: words(id)
      .map((word, index) => (index === 0 ? word : capitalized(word)))
      .join(''),
    display: options.displayName ?? words(id).map(capitalized).join(' '),
    packageName: `unidir-connector-${id}`,
  };
  const rename = (text: string) =>
    text
      .replaceAll(templateNames.packageName, names.packageName)
      .replaceAll(templateNames.id, names.id)
      .replaceAll(templateNames.pascal, names.pascal)
      .replaceAll(templateNames.camel, names.camel)
      .replaceAll(templateNames.display, names.display);
  const files: string[] = [];
  for (const source of filesUnder(options.templateDirectory)) {
    const path = join(
      target,
      rename(relative(options.templateDirectory, source)).replace(
        /(^|[\\/])_package\.json$/,
        '$1package.json',
      ),
    );
    let text = rename(readFileSync(source, 'utf8'));
    if (basename(path) === 'package.json') text = text.replace(/\n\s*"private": true,/, '');
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files.push(relative(target, path));
  }
  writeFileSync(join(target, '.gitignore'), 'node_modules\ndist\n');
  files.push('.gitignore');
  return { id, packageName: names.packageName, files: files.sort() };
}

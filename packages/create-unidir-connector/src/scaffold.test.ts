import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldConnector } from './scaffold.js';

const templateDirectory = resolve(import.meta.dirname, '../../../templates/rest-connector');
const freshFolder = (name: string) => join(mkdtempSync(join(tmpdir(), 'unidir-scaffold-')), name);

describe('scaffoldConnector', () => {
  it('renames the template for the connector id taken from the folder, everywhere', () => {
    const target = freshFolder('unidir-connector-acme-hr');
    const result = scaffoldConnector({ templateDirectory, targetDirectory: target, displayName: 'Acme HR' });
    expect(result).toMatchObject({ id: 'acme-hr', packageName: 'unidir-connector-acme-hr' });
    expect(result.files).toEqual(
      expect.arrayContaining([
        'src/acme-hr-connector.ts',
        'src/acme-hr-manifest.ts',
        'src/testing/acme-hr-fake.ts',
        'src/acme-hr-conformance.test.ts',
        '.changeset/config.json',
        '.gitignore',
        'README.md',
      ]),
    );
    for (const file of result.files) {
      const text = readFileSync(join(target, file), 'utf8');
      expect(text, file).not.toMatch(/example-rest|ExampleRest|exampleRest|Example REST/);
    }
    const connector = readFileSync(join(target, 'src/acme-hr-connector.ts'), 'utf8');
    expect(connector).toContain('export function createAcmeHrConnector()');
    expect(connector).toContain("displayName: 'Acme HR'");
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('unidir-connector-acme-hr');
    expect(manifest.private).toBeUndefined();
  });

  it('takes an explicit id and derives the display name from it', () => {
    const target = freshFolder('anything');
    const result = scaffoldConnector({ templateDirectory, targetDirectory: target, id: 'big-co' });
    expect(result.id).toBe('big-co');
    expect(readFileSync(join(target, 'src/big-co-connector.ts'), 'utf8')).toContain("displayName: 'Big Co'");
  });

  it('refuses an id that is not lower-case words joined by dashes, and a folder that is not empty', () => {
    expect(() =>
      scaffoldConnector({ templateDirectory, targetDirectory: freshFolder('x'), id: 'Acme_HR' }),
    ).toThrow(/is not a connector id/);
    const target = freshFolder('unidir-connector-taken');
    scaffoldConnector({ templateDirectory, targetDirectory: target });
    writeFileSync(join(target, 'notes.txt'), 'mine');
    expect(() => scaffoldConnector({ templateDirectory, targetDirectory: target })).toThrow(/is not empty/);
  });
});

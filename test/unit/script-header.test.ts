/** Reading revision headers as text (no execution), scanning folders, and checksums. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { revisionChecksum } from '../../src/script/checksum.js';
import { headerFromModule, loadImportedHeaders } from '../../src/script/module-header.js';
import { readRevisionHeader } from '../../src/script/read-header.js';
import { scanRevisions } from '../../src/script/scan.js';

const TS_FILE = `/**
 * add isbn
 *
 * Revision ID: 3c4d5e6f7a8b
 * Revises: 1a2b3c4d5e6f
 * Create Date: 2026-11-21 10:00:00+00:00
 */
import { type Operations, string } from 'alembic-ts';

export const revision = '3c4d5e6f7a8b';
export const downRevision: string | string[] | null = '1a2b3c4d5e6f';   // an array at a merge point
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  op.addColumn('books', 'isbn', string(13));
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropColumn('books', 'isbn');
}
`;

describe('readRevisionHeader', () => {
  test('reads a TypeScript revision file', () => {
    const header = readRevisionHeader(TS_FILE, 'versions/3c4d.ts');
    assert.equal(header.revision, '3c4d5e6f7a8b');
    assert.deepEqual(header.downRevisions, ['1a2b3c4d5e6f']);
    assert.deepEqual(header.branchLabels, []);
    assert.deepEqual(header.dependsOn, []);
    assert.equal(header.transactional, true);
    assert.equal(header.message, 'add isbn');
    assert.equal(header.createDate, '2026-11-21 10:00:00+00:00');
    assert.equal(header.needsImport, false);
  });

  test('reads compiled JavaScript with a merge, labels, dependencies and transactional = false', () => {
    const js = [
      '/** merge heads */',
      'export const revision = "9f8e7d6c5b4a";',
      'export const downRevision = ["1a2b3c4d5e6f", "2b3c4d5e6f7a"];',
      "export const branchLabels = ['networking'];",
      "export const dependsOn = 'aaaa1111bbbb';",
      'export const transactional = false;',
      'export async function upgrade(op) {}',
    ].join('\n');
    const header = readRevisionHeader(js, 'versions/9f8e.js');
    assert.equal(header.revision, '9f8e7d6c5b4a');
    assert.deepEqual(header.downRevisions, ['1a2b3c4d5e6f', '2b3c4d5e6f7a']);
    assert.deepEqual(header.branchLabels, ['networking']);
    assert.deepEqual(header.dependsOn, ['aaaa1111bbbb']);
    assert.equal(header.transactional, false);
    assert.equal(header.message, 'merge heads');
    assert.equal(header.createDate, null);
  });

  test('reads an .mjs file with Alembic snake_case names and multi-line arrays', () => {
    const mjs = [
      '// @ts-check',
      '/**',
      ' * ported from python',
      ' */',
      "export const revision = 'abc123abc123'",
      'export const down_revision = [',
      "  'aaa111aaa111', // first parent",
      "  'bbb222bbb222',",
      '] as const',
      'export const depends_on = undefined',
    ].join('\n');
    const header = readRevisionHeader(mjs, 'versions/abc.mjs');
    assert.equal(header.revision, 'abc123abc123');
    assert.deepEqual(header.downRevisions, ['aaa111aaa111', 'bbb222bbb222']);
    assert.deepEqual(header.dependsOn, []);
    assert.equal(header.message, 'ported from python');
  });

  test('reads a .js file that tsc compiled to CommonJS (exports.NAME = ...) without importing it', () => {
    const cjs = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.transactional = exports.dependsOn = exports.branchLabels = exports.downRevision = exports.revision = void 0;',
      'exports.upgrade = upgrade;',
      "exports.revision = '3c4d5e6f7a8b';",
      "exports.downRevision = ['1a2b3c4d5e6f', '2b3c4d5e6f7a'];",
      "exports.branchLabels = ['networking'];",
      'exports.dependsOn = null;',
      'module.exports.transactional = false;',
      'async function upgrade(op) { }',
    ].join('\n');
    const header = readRevisionHeader(cjs, 'versions/3c4d.js');
    assert.equal(header.revision, '3c4d5e6f7a8b');
    assert.deepEqual(header.downRevisions, ['1a2b3c4d5e6f', '2b3c4d5e6f7a']);
    assert.deepEqual(header.branchLabels, ['networking']);
    assert.deepEqual(header.dependsOn, []);
    assert.equal(header.transactional, false);
    assert.equal(header.needsImport, false);
  });

  test('a value that is not a literal asks for an import', () => {
    const header = readRevisionHeader("export const revision = makeId();\nexport const downRevision = 'a' + 'b';\n", 'versions/dyn.ts');
    assert.equal(header.revision, undefined);
    assert.equal(header.needsImport, true);
    const late = readRevisionHeader("export let revision: string;\nexport const downRevision = null;\n", 'versions/late.ts');
    assert.equal(late.needsImport, true);
    const reexport = readRevisionHeader("const id = 'x';\nexport { id as revision };\n", 'versions/re.ts');
    assert.equal(reexport.needsImport, true);
  });

  test('a commented-out export does not count', () => {
    const text = "// export const revision = 'old';\n/* export const revision = 'older'; */\nexport const revision = 'new1';\n";
    assert.equal(readRevisionHeader(text, 'v.ts').revision, 'new1');
  });

  test('a literal of the wrong type is an error naming the file', () => {
    assert.throws(() => readRevisionHeader('export const revision = true;', 'versions/bad.ts'), {
      code: 'E_INVALID_REVISION_FILE',
      message: /revision in versions\/bad\.ts must be/,
    });
    assert.throws(() => readRevisionHeader("export const revision = 'a';\nexport const transactional = 'no';", 'versions/bad.ts'), {
      message: /transactional in versions\/bad\.ts/,
    });
 
  });

  test("the hint of a bad header points at the user's own template, not at an internal document", () => {
    assert.throws(() => readRevisionHeader("export const revision = 'a';\nexport const downRevision = '';", 'versions/bad.ts'), (error: { hint?: string }) => {
      assert.doesNotMatch(error.hint ?? '', /SPEC/);
      assert.match(error.hint ?? '', /versions\/bad\.ts; a revision file exports revision, downRevision, branchLabels, dependsOn/);
      return true;
    });
  });
});

describe('checksums', () => {
  test('CRLF, CR and LF line endings give the same checksum', () => {
    const lf = revisionChecksum(TS_FILE);
    assert.equal(revisionChecksum(TS_FILE.replace(/\n/g, '\r\n')), lf);
    assert.equal(revisionChecksum(Buffer.from(TS_FILE.replace(/\n/g, '\r'))), lf);
    assert.match(lf, /^[0-9a-f]{64}$/);
    assert.notEqual(revisionChecksum(`${TS_FILE} `), lf);
  });
});

describe('scanRevisions', () => {
  const root = mkdtempSync(join(tmpdir(), 'alembic-ts-scan-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('reads every revision file of every location and skips the rest', () => {
    const one = join(root, 'one');
    const two = join(root, 'two');
    mkdirSync(one);
    mkdirSync(two);
    writeFileSync(join(one, 'b_second.ts'), "/** second */\nexport const revision = 'bbbb';\nexport const downRevision = 'aaaa';\n");
    writeFileSync(join(one, 'a_first.ts'), TS_FILE.replaceAll('3c4d5e6f7a8b', 'aaaa').replace("'1a2b3c4d5e6f'", 'null'));
    writeFileSync(join(one, 'types.d.ts'), 'export {};\n');
    writeFileSync(join(one, '_helpers.ts'), 'export const x = 1;\n');
    writeFileSync(join(one, '.hidden.ts'), 'export const x = 1;\n');
    writeFileSync(join(one, 'notes.md'), '# notes\n');
    writeFileSync(join(two, 'c_third.mjs'), "export const revision = 'cccc';\nexport const downRevision = 'bbbb';\n");
    symlinkSync(join(one, 'a_first.ts'), join(two, 'a_link.ts'));
    const scripts = scanRevisions([one, two, join(root, 'missing')]);
    assert.deepEqual(scripts.map((s) => [s.revision, s.path]), [
      ['aaaa', join(one, 'a_first.ts')],
      ['bbbb', join(one, 'b_second.ts')],
      ['cccc', join(two, 'c_third.mjs')],
    ]);
    assert.deepEqual(scripts[1]?.downRevisions, ['aaaa']);
    assert.equal(scripts[1]?.message, 'second');
    assert.match(scripts[0]?.checksum ?? '', /^[0-9a-f]{64}$/);
  });

  test('a file without a revision id is an error naming it', () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'oops.ts'), 'export const nothing = 1;\n');
    assert.throws(() => scanRevisions([bad]), { code: 'E_INVALID_REVISION_FILE', message: new RegExp(`${join(bad, 'oops.ts')} does not declare a revision id`) });
  });

  test('headers that are not literals are read by importing the module', async () => {
    const dyn = join(root, 'dyn');
    mkdirSync(dyn);
    writeFileSync(join(dyn, 'd.mjs'), "const id = ['dd', 'dd'].join('');\nexport const revision = id;\nexport const downRevision = null;\nexport const transactional = false;\n");
    const [scanned] = scanRevisions([dyn]);
    assert.equal(scanned?.needsImport, true);
    const [loaded] = await loadImportedHeaders(scanRevisions([dyn]));
    assert.equal(loaded?.revision, 'dddd');
    assert.equal(loaded?.transactional, false);
    assert.equal(loaded?.needsImport, false);
  });

  test('an imported module with a bad header is an error naming the file', () => {
    const script = { revision: '', downRevisions: [], branchLabels: [], dependsOn: [], path: 'v/x.ts', checksum: '', message: '', createDate: null, transactional: true, needsImport: true };
    assert.throws(() => headerFromModule({ revision: 42 }, script), { message: /v\/x\.ts does not export a revision id/ });
    assert.throws(() => headerFromModule({ revision: 'x1', downRevision: 5 }, script), { message: /downRevision in v\/x\.ts/ });
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { importModule } from '../../src/loader/import-module.js';
import { importError, tempFiles } from '../helpers/import-files.js';

// The temporary folder has no package.json above it, like a project made by `npm init`: Node
// would take its .ts files for CommonJS.
const { root, write } = tempFiles('alembic-loader-');

describe('importModule', () => {
  test('imports a .ts file with type annotations and returns its named exports', async () => {
    const path = write('typed.ts', 'interface Book { title: string }\nexport const book: Book = { title: "Dune" };\n');
    const module = await importModule(path);
    assert.deepEqual(module['book'], { title: 'Dune' });
  });

  test('imports .mts, .mjs and .js files', async () => {
    write('esm/package.json', '{ "type": "module" }');
    assert.equal((await importModule(write('esm/a.mts', 'export const n: number = 1;\n')))['n'], 1);
    assert.equal((await importModule(write('esm/b.mjs', 'export const n = 2;\n')))['n'], 2);
    assert.equal((await importModule(write('esm/c.js', 'export const n = 3;\n')))['n'], 3);
  });

  test('a .ts file resolves its own imports written with .js or no extension', async () => {
    write('linked/users.ts', 'export const users: string = "users";\n');
    const path = write(
      'linked/models.ts',
      'import { users } from "./users.js";\nimport { users as again } from "./users";\nexport const same = users === again;\n',
    );
    assert.equal((await importModule(path))['same'], true);
  });

  test('a model module sees the same instance of a package as the code that imports it', async () => {
    write('shop/node_modules/fake-orm/package.json', '{ "name": "fake-orm", "type": "module", "exports": "./index.js" }');
    const orm = write('shop/node_modules/fake-orm/index.js', 'export class Table {}\nexport const table = () => new Table();\n');
    const models = write('shop/models.ts', 'import { table, type Table } from "fake-orm";\nexport const books: Table = table();\n');
    const { Table } = (await importModule(orm)) as { Table: new () => unknown };
    const { books } = await importModule(models);
    assert.ok(books instanceof Table);
  });

  test('a syntax error names the file and the line', async () => {
    const path = write('broken.ts', 'export const a = 1;\n\nexport const b: number = ;\n');
    const error = await importError(path);
    assert.equal(error.message, `cannot import ${path}: syntax error at line 3, column 26: Unexpected ";"`);
  });

  test('a syntax error in a file the module imports names that file', async () => {
    const helper = write('nested/helper.ts', 'export const x = {;\n');
    const path = write('nested/main.ts', 'export { x } from "./helper.js";\n');
    const error = await importError(path);
    assert.match(error.message, new RegExp(`^cannot import ${path}: syntax error in ${helper} at line 1, column 19: `));
  });

  test('a module that throws while loading names the file, the error and where it was thrown', async () => {
    const path = write('throws.ts', 'const ready: boolean = false;\nif (!ready) throw new Error("models are not ready");\n');
    const error = await importError(path);
    assert.equal(error.message, `cannot import ${path}: Error: models are not ready (at ${path}:2:19)`);
    assert.ok(error.cause instanceof Error);
  });

  test('a JavaScript syntax error names the file', async () => {
    const path = write('broken.mjs', 'export const a = ;\n');
    const error = await importError(path);
    assert.equal(error.message, `cannot import ${path}: SyntaxError: Unexpected token ';'`);
  });

  test('a missing file or an unknown extension is an import error', async () => {
    const missing = join(root, 'missing.ts');
    assert.equal((await importError(missing)).message, `cannot import ${missing}: no such file`);
    const json = write('data.json', '{}');
    assert.equal((await importError(json)).message, `cannot import ${json}: expected a .ts, .mts, .js, .mjs file`);
  });
});

/**
 * SPEC section 4: revision files may be `.js`/`.mjs` for compiled deployments. A project
 * without "type": "module" gets CommonJS from tsc (`exports.revision = ...`); that output and
 * an `.mjs` file chain together, upgrade and downgrade, as the `.ts` files they came from.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCliProject } from '../helpers/cli-project.js';
import { tableNames } from '../helpers/db-inspect.js';

// What `tsc --module commonjs` writes for a revision made from script.ts.tmpl.
const COMMONJS = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dependsOn = exports.branchLabels = exports.downRevision = exports.revision = void 0;
exports.upgrade = upgrade;
exports.downgrade = downgrade;
exports.revision = 'c0c0c0c0c0c1';
exports.downRevision = null;
exports.branchLabels = null;
exports.dependsOn = null;
async function upgrade(op) { op.execute('CREATE TABLE authors (id INTEGER PRIMARY KEY)'); }
async function downgrade(op) { op.execute('DROP TABLE authors'); }
`;

const MODULE = `export const revision = 'c0c0c0c0c0c2';
export const downRevision = 'c0c0c0c0c0c1';
export async function upgrade(op) { op.execute('CREATE TABLE books (id INTEGER PRIMARY KEY)'); }
export async function downgrade(op) { op.execute('DROP TABLE books'); }
`;

describe('compiled revision files', () => {
  test('a CommonJS .js revision and an .mjs one, in a package without "type": "module", upgrade and downgrade', async () => {
    const project = createCliProject();
    try {
      project.run('init', 'migrations');
      project.write('package.json', JSON.stringify({ name: 'compiled-deployment', private: true }));
      project.write('migrations/versions/c0c0c0c0c0c1_authors.js', COMMONJS);
      project.write('migrations/versions/c0c0c0c0c0c2_books.mjs', MODULE);
      const heads = project.run('heads');
      assert.equal(heads.stdout, 'c0c0c0c0c0c2 (head)\n', heads.stderr);
      const upgrade = project.run('upgrade', 'head');
      assert.equal(upgrade.status, 0, upgrade.stderr);
      const url = `sqlite:///${project.dir}/app.db`;
      assert.deepEqual((await tableNames('sqlite', url)).filter((t) => !t.startsWith('alembic')), ['authors', 'books']);
      const downgrade = project.run('downgrade', 'base');
      assert.equal(downgrade.status, 0, downgrade.stderr);
      assert.deepEqual((await tableNames('sqlite', url)).filter((t) => !t.startsWith('alembic')), []);
    } finally {
      project.dispose();
    }
  });
  test('an ES module .js revision and models file, in a package without "type": "module", load without a Node warning', async () => {
    const project = createCliProject();
    try {
      project.run('init', 'migrations');
      project.write('package.json', JSON.stringify({ name: 'compiled-deployment', private: true }));
      const config = JSON.parse(project.read('alembic.config.json')) as Record<string, unknown>;
      project.write('alembic.config.json', JSON.stringify({ ...config, models: 'dist/models.js' }));
      project.write('dist/models.js', "import { table, integer } from 'alembic-ts';\nexport const books = table('books', { id: integer().primaryKey() });\n");
      project.write('migrations/versions/c0c0c0c0c0c2_books.js', MODULE.replace("'c0c0c0c0c0c1'", 'null'));
      const runs = [project.run('heads'), project.run('upgrade', 'head'), project.run('check'), project.run('downgrade', 'base')];
      for (const run of runs) {
        assert.equal(run.status, 0, run.stderr);
        assert.doesNotMatch(run.stderr, /MODULE_TYPELESS|Warning|\(node:\d+\)/);
        for (const line of run.stderr.split('\n').filter((l) => l !== '')) assert.match(line, /^(Running (up|down)grade|No new upgrade)/, run.stderr);
      }
      assert.equal(runs[0]?.stdout, 'c0c0c0c0c0c2 (head)\n');
      const url = `sqlite:///${project.dir}/app.db`;
      assert.deepEqual((await tableNames('sqlite', url)).filter((t) => !t.startsWith('alembic')), []);
    } finally {
      project.dispose();
    }
  });
});

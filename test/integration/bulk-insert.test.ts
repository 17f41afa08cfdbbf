// op.bulkInsert of 100,000 rows in one revision, run by the real runner on both dialects: the
// dialects must split the insert below their bound-parameter limits (SQLite's variable limit,
// PostgreSQL's 65535), and every row must arrive intact.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { downgrade, upgrade } from '../../src/runtime/migrate.js';
import { DIALECTS } from '../helpers/databases.js';
import { tableNames } from '../helpers/db-inspect.js';
import { createProject, type Project } from './runtime-fixture.js';

const ROWS = 100_000;

/** The rows, as the revision file builds them: quotes, non-ASCII text and NULLs included. */
const rowAt = (i: number): { id: number; name: string; qty: number; note: string | null } => ({
  id: i + 1,
  name: `it's #${i + 1} ✓`,
  qty: (i * 7919) % 1000,
  note: i % 10 === 0 ? null : `n${i % 13}`,
});

const REVISION = {
  revision: 'b00000000001',
  message: 'create items with 100000 rows',
  extra: `const rowAt = ${rowAt.toString()};`,
  upgrade: [
    "op.createTable('items', { id: integer().primaryKey(), name: string(40).notNull(), qty: integer().notNull(), note: string(10) });",
    `op.bulkInsert('items', Array.from({ length: ${ROWS} }, (_, i) => rowAt(i)));`,
  ].join('\n  '),
  downgrade: "op.dropTable('items');",
};

function checksum(rows: readonly { id: unknown; name: unknown; qty: unknown; note: unknown }[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${Number(r.id)}\u0000${String(r.name)}\u0000${Number(r.qty)}\u0000${r.note === null ? '\u0001' : String(r.note)}\n`);
  return hash.digest('hex');
}

for (const dialectName of DIALECTS) {
  describe(`bulkInsert of ${ROWS} rows in one revision on ${dialectName}`, () => {
    let project: Project;

    before(async () => {
      project = await createProject(dialectName);
      project.write(REVISION);
    });

    after(async () => {
      await project?.dispose();
    });

    test('upgrade inserts every row intact', async () => {
      await upgrade(project.ctx(), 'head');
      const [count] = await project.query('SELECT count(*) AS n FROM items');
      assert.equal(Number(count!['n']), ROWS);
      const rows = await project.query('SELECT id, name, qty, note FROM items ORDER BY id');
      const expected = Array.from({ length: ROWS }, (_, i) => rowAt(i));
      assert.equal(checksum(rows as never), checksum(expected));
    });

    test('downgrade removes the table', async () => {
      await downgrade(project.ctx(), 'base');
      assert.ok(!(await tableNames(dialectName, project.db.url)).includes('items'));
    });
  });
}

/**
 * A SQLite table rebuild (a type and nullability change and a dropped column) on a parent
 * of 10,000 rows with a child of 50,000 rows (ON DELETE CASCADE), a trigger, a view, a
 * partial and an expression index, a named and an unnamed CHECK and a self-reference, run by
 * the CLI while a second process counts the rows the whole time. No read sees a missing row
 * or a missing table (a read may wait for the lock); every row, index, trigger, view and
 * constraint is there afterwards, and they still work.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { createFaultProject, sqlitePath, waitFor, withDb, type FaultProject } from './fault-project.js';

const PARENTS = 10_000;
const CHILDREN_PER_PARENT = 5;
const CHILDREN = PARENTS * CHILDREN_PER_PARENT;
const SCHEMA_REVISION = 'e0ad00000001';
const REBUILD_REVISION = 'e0ad00000002';

const numbers = (n: number): string => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n}) SELECT i FROM n`;

/** Written as SQL so that the unnamed CHECK, the trigger and the view are exactly what a user may have. */
const SCHEMA = [
  `CREATE TABLE parent (
    id INTEGER NOT NULL PRIMARY KEY,
    code VARCHAR(20) NOT NULL,
    amount INTEGER,
    legacy TEXT,
    parent_id INTEGER REFERENCES parent (id),
    CONSTRAINT ck_parent_code_not_empty CHECK (length(code) > 0),
    CHECK (amount >= 0)
  )`,
  `CREATE TABLE child (
    id INTEGER NOT NULL PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
    note TEXT
  )`,
  'CREATE TABLE parent_audit (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, old_amount INTEGER, new_amount INTEGER)',
  'CREATE INDEX ix_parent_big_amount ON parent (amount) WHERE amount > 5000',
  'CREATE INDEX ix_parent_lower_code ON parent (lower(code))',
  'CREATE INDEX ix_child_parent_id ON child (parent_id)',
  `CREATE TRIGGER tr_parent_amount AFTER UPDATE OF amount ON parent BEGIN
    INSERT INTO parent_audit (parent_id, old_amount, new_amount) VALUES (old.id, old.amount, new.amount);
  END`,
  'CREATE VIEW v_parent_children AS SELECT p.id, p.code, count(c.id) AS children FROM parent p LEFT JOIN child c ON c.parent_id = p.id GROUP BY p.id, p.code',
  `INSERT INTO parent (id, code, amount, legacy, parent_id) SELECT i, 'P' || i, i, 'old', CASE WHEN i > 1 THEN i - 1 END FROM (${numbers(PARENTS)})`,
  `INSERT INTO child (id, parent_id, note) SELECT i, (i - 1) / ${CHILDREN_PER_PARENT} + 1, 'c' || i FROM (${numbers(CHILDREN)})`,
];

interface ReaderReport {
  readonly counts: Record<string, number[]>;
  readonly errors: string[];
  readonly readAt: number[];
}

/** The data a rebuild must carry over, as one comparable value. */
async function dataDigest(url: string): Promise<unknown> {
  return withDb('sqlite', url, (db) =>
    db.query(
      `SELECT (SELECT count(*) FROM parent) AS parents, (SELECT total(id * 7 + amount) FROM parent) AS parent_sum,
              (SELECT count(*) FROM parent WHERE code = 'P' || id) AS codes_intact,
              (SELECT count(*) FROM parent WHERE parent_id IS NOT NULL) AS self_refs,
              (SELECT count(*) FROM child) AS children, (SELECT total(id * 3 + parent_id) FROM child) AS child_sum`,
    ),
  );
}

describe('a SQLite table rebuild while another process reads', () => {
  let database: TestDatabase;
  let project: FaultProject;
  before(async () => {
    database = await createSqliteDatabase();
    project = createFaultProject(database.url);
    project.addRevision({
      revision: SCHEMA_REVISION,
      message: 'parent and child',
      upgrade: SCHEMA.map((s) => `op.execute(${JSON.stringify(s)});`).join('\n  '),
      downgrade: "op.execute('DROP VIEW v_parent_children');\n  op.dropTable('child');\n  op.dropTable('parent_audit');\n  op.dropTable('parent');",
    });
    project.addRevision({
      revision: REBUILD_REVISION,
      down: SCHEMA_REVISION,
      message: 'rebuild parent',
      imports: ['bigInteger', 'integer'],
      // Between the two rebuilds, a slow statement keeps the step's transaction open long
      // enough (some 200 ms) for the reader to read many times while it runs.
      upgrade:
        "op.alterColumn('parent', 'amount', { type: bigInteger(), nullable: false, existing: { type: integer(), nullable: true } });\n" +
        `  op.execute(${JSON.stringify(`SELECT count(*) FROM (${numbers(2_000_000)})`)});\n` +
        "  op.dropColumn('parent', 'legacy');",
    });
    const first = project.run('upgrade', SCHEMA_REVISION);
    assert.equal(first.status, 0, first.stderr);
  });
  after(async () => {
    project.dispose();
    await database.dispose();
  });

  test('no read misses a row or a table, and every row survives the rebuild', async () => {
    const digestBefore = await dataDigest(database.url);
    const reader = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'sqlite-reader.ts'), sqlitePath(database.url), 'parent', 'child', 'v_parent_children'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    reader.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
    await waitFor('the reader to start', () => err.includes('reading'), 30_000);
    await sleep(200);

    const started = Date.now();
    const rebuild = await project.start('upgrade', 'head').done;
    const ended = Date.now();
    await sleep(200);
    reader.stdin.end();
    assert.equal(await readerDone, 0, err);
    assert.equal(rebuild.status, 0, rebuild.stderr);
    assert.match(rebuild.stderr, new RegExp(`Running upgrade ${SCHEMA_REVISION} -> ${REBUILD_REVISION}`));

    const report = JSON.parse(out) as ReaderReport;
    assert.deepEqual(report.errors, [], 'no read failed (a missing table would be "no such table")');
    assert.deepEqual(report.counts, { parent: [PARENTS], child: [CHILDREN], v_parent_children: [PARENTS] }, 'every read saw every row');
    // The step's own time, from its progress line: reads inside it overlapped the rebuild.
    const stepMs = Number(/\((\d+) ms\)/.exec(rebuild.stderr)?.[1]);
    const during = report.readAt.filter((t) => t >= ended - stepMs && t <= ended).length;
    assert.ok(during >= 3, `the reader kept reading while the step ran (${during} reads in ${stepMs} ms)`);
    assert.ok(report.readAt[0]! < started && report.readAt.at(-1)! > ended, 'the reads span the whole run');

    assert.deepEqual(await dataDigest(database.url), digestBefore);
  });

  test('the rebuilt table has its new column definitions and everything around it', async () => {
    await withDb('sqlite', database.url, async (db) => {
      const columns = await db.query("SELECT name, type, \"notnull\" AS nn FROM pragma_table_info('parent') ORDER BY cid");
      assert.deepEqual(
        columns.map((c) => `${String(c['name'])} ${String(c['type'])}${c['nn'] === 1 ? ' NOT NULL' : ''}`),
        ['id INTEGER NOT NULL', 'code VARCHAR(20) NOT NULL', 'amount BIGINT NOT NULL', 'parent_id INTEGER'],
      );
      const objects = await db.query("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'alembic%' ORDER BY type, name");
      assert.deepEqual(
        objects.map((o) => `${String(o['type'])} ${String(o['name'])}`),
        [
          'index ix_child_parent_id',
          'index ix_parent_big_amount',
          'index ix_parent_lower_code',
          'table child',
          'table parent',
          'table parent_audit',
          'trigger tr_parent_amount',
          'view v_parent_children',
        ],
      );
      const [parentSql] = await db.query("SELECT sql FROM sqlite_master WHERE name = 'parent'");
      const ddl = String(parentSql!['sql']);
      assert.match(ddl, /CONSTRAINT "?ck_parent_code_not_empty"? CHECK \(length\(code\) > 0\)/);
      assert.match(ddl, /CHECK \(amount >= 0\)/);
      assert.match(ddl, /REFERENCES "?parent"? \(id\)/);
      const [partial] = await db.query("SELECT sql FROM sqlite_master WHERE name = 'ix_parent_big_amount'");
      assert.match(String(partial!['sql']), /WHERE amount > 5000/);
      const [expression] = await db.query("SELECT sql FROM sqlite_master WHERE name = 'ix_parent_lower_code'");
      assert.match(String(expression!['sql']), /lower\(code\)/);
      assert.deepEqual(await db.query('PRAGMA foreign_key_check'), []);
      assert.deepEqual(await db.query('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    });
  });

  test('after the rebuild the cascade, the trigger, the checks and the self-reference still act', async () => {
    await withDb('sqlite', database.url, async (db) => {
      await db.query(`DELETE FROM parent WHERE id = ${PARENTS}`);
      assert.deepEqual(await db.query(`SELECT count(*) AS n FROM child WHERE parent_id = ${PARENTS}`), [{ n: 0 }]);
      assert.deepEqual(await db.query('SELECT count(*) AS n FROM child'), [{ n: CHILDREN - CHILDREN_PER_PARENT }]);
      await db.query('UPDATE parent SET amount = 42 WHERE id = 1');
      assert.deepEqual(await db.query('SELECT parent_id, old_amount, new_amount FROM parent_audit'), [{ parent_id: 1, old_amount: 1, new_amount: 42 }]);
      await assert.rejects(db.query("INSERT INTO parent (id, code, amount) VALUES (20001, '', 1)"), /CHECK constraint failed/);
      await assert.rejects(db.query("INSERT INTO parent (id, code, amount) VALUES (20001, 'x', -1)"), /CHECK constraint failed/);
      await assert.rejects(db.query("INSERT INTO parent (id, code, amount) VALUES (20001, 'x', NULL)"), /NOT NULL constraint failed/);
      await assert.rejects(db.query("INSERT INTO parent (id, code, amount, parent_id) VALUES (20001, 'x', 1, 99999)"), /FOREIGN KEY constraint failed/);
      assert.deepEqual(await db.query('SELECT children FROM v_parent_children WHERE id = 2'), [{ children: CHILDREN_PER_PARENT }]);
    });
  });
});

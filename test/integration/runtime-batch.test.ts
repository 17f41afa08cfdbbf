/**
 * On PostgreSQL a plain step's statements and its version write go in one round trip
 * (run-batch.ts). A failure anywhere in that batch must still name the revision and the very
 * statement that failed, and leave the schema, version table and history as before the step
 * (or, in one transaction, as before the run). A batched step's history row travels with the
 * next round trip (the next step's batch, or COMMIT): every step still gets its row, in order.
 * Also on SQLite, where nothing is batched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MigrationError } from '../../src/errors.js';
import type { RunContext } from '../../src/runtime/context.js';
import { current, upgrade } from '../../src/runtime/migrate.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const FIRST = BOOKS_CHAIN[0]!;
const SECOND = BOOKS_CHAIN[1]!;
const PER_STEP: RunContext['config'] = { versionTable: 'alembic_version', versionTableSchema: null, transactionPerMigration: true };
const ONE_TRANSACTION: RunContext['config'] = { ...PER_STEP, transactionPerMigration: false };

function userTables(schema: { tables: readonly { name: string; columns: readonly { name: string }[] }[] }): [string, string[]][] {
  return schema.tables.filter((t) => !t.name.startsWith('alembic')).map((t) => [t.name, t.columns.map((c) => c.name)]);
}

const MODES = [
  ['a transaction per revision', PER_STEP],
  ['one transaction', ONE_TRANSACTION],
] as const;

for (const dialect of DIALECTS) {
  for (const [mode, config] of MODES) describe(`runner on ${dialect}, ${mode}: a plain statement fails in the middle of a revision`, () => {
    let project: Project;
    let failing: string;
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
      project.write(SECOND);
      failing = project.write({
        revision: 'bad000000003',
        down: SECOND.revision,
        message: 'half good, no raw SQL',
        upgrade: [
          "op.createTable('authors', { id: integer().primaryKey() });",
          "op.addColumn('no_such_table', 'pages', integer());",
          "op.addColumn('books', 'pages', integer());",
        ].join('\n  '),
      });
    });
    after(() => project.dispose());

    test('the error names the revision and the failing statement; nothing of it stays', async () => {
        await assert.rejects(upgrade(project.ctx({ config }), 'head'), (error: unknown) => {
          assert.ok(error instanceof MigrationError);
          assert.equal(error.code, 'E_STATEMENT_FAILED');
          assert.match(error.message, /revision bad000000003/);
          assert.ok(error.message.includes(failing), error.message);
          assert.match(error.message, /statement: ALTER TABLE "?no_such_table"? ADD COLUMN/);
          assert.match(error.message, /no_such_table/);
          assert.match(error.hint ?? '', /rolled back/);
          return true;
        });
        const schema = await project.dialect.introspect(await project.connect());
        const history = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
        if (config.transactionPerMigration) {
          // The two revisions before it committed on their own.
          assert.deepEqual(userTables(schema), [['books', ['id', 'title', 'isbn']]]);
          assert.deepEqual((await current(project.ctx())).heads, [SECOND.revision]);
          assert.deepEqual(history.map((r) => [r.revision, r.status]), [
            [FIRST.revision, 'finished'],
            [SECOND.revision, 'finished'],
          ]);
        } else {
          assert.deepEqual(userTables(schema), []);
          assert.deepEqual((await current(project.ctx())).heads, []);
          assert.deepEqual(history, []);
        }
    });
  });
}

for (const dialect of DIALECTS) {
  for (const [mode, config] of MODES) describe(`runner on ${dialect}, ${mode}: plain revisions that succeed`, () => {
    let project: Project;
    const third = { revision: 'ok0000000003', down: SECOND.revision, message: 'pages', upgrade: "op.addColumn('books', 'pages', integer());" };
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
      project.write(SECOND);
      project.write(third);
    });
    after(() => project.dispose());

    test('each step has its finished history row, in order, with its duration', async () => {
      await upgrade(project.ctx({ config }), 'head');
      const history = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
      assert.deepEqual(history.map((r) => [r.revision, r.direction, r.status]), [
        [FIRST.revision, 'up', 'finished'],
        [SECOND.revision, 'up', 'finished'],
        [third.revision, 'up', 'finished'],
      ]);
      for (const row of history) assert.ok(typeof row.durationMs === 'number' && row.durationMs >= 0, JSON.stringify(row));
      assert.deepEqual((await current(project.ctx())).heads, [third.revision]);
    });
  });
}

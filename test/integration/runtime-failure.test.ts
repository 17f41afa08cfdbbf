import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { MigrationError } from '../../src/errors.js';
import { current, upgrade } from '../../src/runtime/migrate.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const FIRST = BOOKS_CHAIN[0]!;

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: a statement fails in the middle of a revision`, () => {
    let project: Project;
    let failing: string;
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
      failing = project.write({
        revision: 'bad000000002',
        down: FIRST.revision,
        message: 'half good',
        upgrade: [
          "op.addColumn('books', 'isbn', string(13));",
          "op.createTable('authors', { id: integer().primaryKey() });",
          "op.execute('INSERT INTO no_such_table (id) VALUES (1)');",
          "op.addColumn('books', 'pages', integer());",
        ].join('\n  '),
      });
      await upgrade(project.ctx(), FIRST.revision);
    });
    after(() => project.dispose());

    test('the error names the revision, its file and the statement, with the driver message', async () => {
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_STATEMENT_FAILED');
        assert.match(error.message, /revision bad000000002/);
        assert.ok(error.message.includes(failing), error.message);
        assert.match(error.message, /statement: INSERT INTO no_such_table \(id\) VALUES \(1\)/);
        assert.match(error.message, /no_such_table/);
        assert.match(error.hint ?? '', /rolled back/);
        return true;
      });
    });

    test('schema, version table and history are as they were before the revision', async () => {
      const schema = await project.dialect.introspect(await project.connect());
      assert.deepEqual(
        schema.tables.filter((t) => !t.name.startsWith('alembic')).map((t) => [t.name, t.columns.map((c) => c.name)]),
        [['books', ['id', 'title']]],
      );
      assert.deepEqual((await current(project.ctx())).heads, [FIRST.revision]);
      const history = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
      assert.deepEqual(history.map((r) => r.revision), [FIRST.revision]);
    });

    test('a revision whose upgrade throws fails before anything runs, naming it', async () => {
      rmSync(failing);
      // Another file name: the module imported above stays cached under its own.
      const throwing = project.write({
        revision: 'bad000000002',
        down: FIRST.revision,
        upgrade: "op.addColumn('books', 'isbn', string(13));\n  throw new Error('forgot something');",
        file: 'bad000000002_throws.ts',
      });
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_REVISION_THREW');
        assert.ok(error.message.includes(throwing), error.message);
        assert.match(error.message, /forgot something/);
        return true;
      });
      assert.deepEqual((await current(project.ctx())).heads, [FIRST.revision]);
      rmSync(throwing);
    });

    test('dropping a constraint the table lacks fails naming the revision, the table and the constraint', async () => {
      // SQLite finds this while compiling its table rebuild, PostgreSQL when the statement runs:
      // either way the user reads which revision to fix.
      const missing = project.write({
        revision: 'bad000000002',
        down: FIRST.revision,
        upgrade: "op.addColumn('books', 'isbn', string(13));\n  op.dropConstraint('ck_books_nope', 'books');",
        file: 'bad000000002_missing_constraint.ts',
      });
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.match(error.message, /^upgrade of revision bad000000002 /);
        assert.ok(error.message.includes(missing), error.message);
        assert.match(error.message, /ck_books_nope/);
        assert.match(error.message, /books/);
        return true;
      });
      const schema = await project.dialect.introspect(await project.connect());
      assert.deepEqual(schema.tables.find((t) => t.name === 'books')?.columns.map((c) => c.name), ['id', 'title']);
      assert.deepEqual((await current(project.ctx())).heads, [FIRST.revision]);
      rmSync(missing);
    });
  });
}

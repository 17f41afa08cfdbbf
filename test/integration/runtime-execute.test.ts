import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { upgrade } from '../../src/runtime/migrate.js';
import { upgradeSql } from '../../src/runtime/offline.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const FIRST = BOOKS_CHAIN[0]!;

async function column(project: Project, table: string, name: string): Promise<{ nullable: boolean } | undefined> {
  const schema = await project.dialect.introspect(await project.connect());
  return schema.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);
}

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: operations after op.execute()`, () => {
    let project: Project;
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
      await upgrade(project.ctx(), 'head');
      await project.query("INSERT INTO books (title) VALUES ('Dune')");
    });
    after(() => project.dispose());

    test('a data fix followed by a column change runs as one step', async () => {
      project.write({
        revision: 'exec00000002',
        down: FIRST.revision,
        upgrade: [
          "op.addColumn('books', 'isbn', string(13));",
          "op.execute(\"UPDATE books SET isbn = 'unknown' WHERE isbn IS NULL\");",
          "op.alterColumn('books', 'isbn', { nullable: false });",
        ].join('\n  '),
      });
      await upgrade(project.ctx(), 'head');
      assert.equal((await column(project, 'books', 'isbn'))?.nullable, false);
      assert.deepEqual(await project.query('SELECT title, isbn FROM books'), [{ title: 'Dune', isbn: 'unknown' }]);
    });

    test('an op on what the SQL before it created is compiled against the database as that SQL left it', async () => {
      project.write({
        revision: 'exec00000003',
        down: 'exec00000002',
        upgrade:
          dialect === 'postgresql'
            ? "op.execute(\"CREATE TYPE mood AS ENUM ('calm', 'angry')\");\n  op.createTable('moods', { id: integer().primaryKey(), mood: enumType(['calm', 'angry'], { name: 'mood' }) });"
            : "op.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(10))');\n  op.alterColumn('notes', 'body', { nullable: false });",
      });
      await upgrade(project.ctx(), 'head');
      if (dialect === 'postgresql') {
        assert.deepEqual(await project.query("SELECT count(*)::int AS n FROM pg_type WHERE typname = 'mood'"), [{ n: 1 }]);
      } else {
        assert.equal((await column(project, 'notes', 'body'))?.nullable, false);
      }
    });

    test('offline, the whole step is compiled at once against the replayed schema', async () => {
      const script = await upgradeSql(project.ctx(), `${FIRST.revision}:exec00000002`);
      assert.match(script, /UPDATE books SET isbn = 'unknown' WHERE isbn IS NULL;/);
    });
  });
}

describe('runner on sqlite: a trigger created by op.execute() survives a rebuild later in the revision', () => {
  let project: Project;
  before(async () => {
    project = await createProject('sqlite');
    project.write(FIRST);
    project.write({
      revision: 'trig00000002',
      down: FIRST.revision,
      upgrade: [
        "op.execute('CREATE TABLE audit (title VARCHAR(200))');",
        "op.execute('CREATE TRIGGER books_audit AFTER INSERT ON books BEGIN INSERT INTO audit (title) VALUES (new.title); END');",
        "op.alterColumn('books', 'title', { nullable: true });",
      ].join('\n  '),
    });
  });
  after(() => project.dispose());

  test('the rebuilt table keeps the trigger', async () => {
    await upgrade(project.ctx(), 'head');
    assert.equal((await column(project, 'books', 'title'))?.nullable, true);
    await project.query("INSERT INTO books (title) VALUES ('Emma')");
    assert.deepEqual(await project.query('SELECT title FROM audit'), [{ title: 'Emma' }]);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../../src/dialects/dialect.js';
import { MigrationError } from '../../src/errors.js';
import { current, upgrade } from '../../src/runtime/migrate.js';
import { createProject, type Project } from './runtime-fixture.js';

const SCHEMA = {
  revision: 'fk0000000001',
  upgrade: [
    "op.createTable('authors', { id: integer().primaryKey(), name: string(50) });",
    "op.createTable('books', { id: integer().primaryKey(), author_id: integer().notNull().references('authors.id', { onDelete: 'cascade' }) });",
  ].join('\n  '),
};

describe('runner on sqlite: table rebuilds', () => {
  let project: Project;
  let conn: Connection;
  before(async () => {
    project = await createProject('sqlite');
    project.write(SCHEMA);
    conn = await project.connect();
    await upgrade(project.ctx({ connection: conn }), 'head');
    await conn.query('INSERT INTO authors (id, name) VALUES (1, ?)', ['Ursula']);
    await conn.query('INSERT INTO books (id, author_id) VALUES (10, 1)');
  });
  after(() => project.dispose());

  test('rebuilding a parent table keeps the child rows: foreign keys are off during it and back on after', async () => {
    project.write({ revision: 'fk0000000002', down: 'fk0000000001', upgrade: "op.alterColumn('authors', 'name', { nullable: false });" });
    const result = await upgrade(project.ctx({ connection: conn }), 'head');
    assert.deepEqual(result.heads, ['fk0000000002']);
    const authors = await project.dialect.introspect(conn);
    assert.equal(authors.tables.find((t) => t.name === 'authors')?.columns.find((c) => c.name === 'name')?.nullable, false);
    assert.deepEqual((await conn.query('SELECT id, author_id FROM books')).rows, [{ id: 10, author_id: 1 }]);
    assert.deepEqual((await conn.query('PRAGMA foreign_keys')).rows, [{ foreign_keys: 1 }]);
  });

  test('a rebuild that leaves a foreign key violated fails the step, rolls it back and restores the setting', async () => {
    await conn.query('PRAGMA foreign_keys = OFF');
    await conn.query('INSERT INTO books (id, author_id) VALUES (11, 99)');
    await conn.query('PRAGMA foreign_keys = ON');
    project.write({ revision: 'fk0000000003', down: 'fk0000000002', upgrade: "op.alterColumn('books', 'author_id', { nullable: true });" });
    await assert.rejects(upgrade(project.ctx({ connection: conn }), 'head'), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /revision fk0000000003/);
      assert.match(error.message, /violate a foreign key/);
      return true;
    });
    assert.deepEqual((await current(project.ctx({ connection: conn }))).heads, ['fk0000000002']);
    const books = (await project.dialect.introspect(conn)).tables.find((t) => t.name === 'books');
    assert.equal(books?.columns.find((c) => c.name === 'author_id')?.nullable, false);
    assert.deepEqual((await conn.query("SELECT name FROM sqlite_master WHERE name LIKE '%alembic_tmp%'")).rows, []);
    assert.deepEqual((await conn.query('PRAGMA foreign_keys')).rows, [{ foreign_keys: 1 }]);
  });
});

describe('runner on sqlite: the schema carried from step to step', () => {
  let project: Project;
  let conn: Connection;
  before(async () => {
    project = await createProject('sqlite');
    project.write({
      revision: 'cs0000000001',
      upgrade: "op.createTable('authors', { id: integer().primaryKey(), name: string(50), born: integer() });",
    });
    conn = await project.connect();
    await upgrade(project.ctx({ connection: conn }), 'head');
    await conn.query('CREATE TABLE audit (note TEXT)');
    await conn.query("CREATE TRIGGER authors_audit AFTER INSERT ON authors BEGIN INSERT INTO audit (note) VALUES (NEW.name); END");
  });
  after(() => project.dispose());

  test('drops of free columns follow the replayed schema, and a later rebuild still keeps the triggers it did not read', async () => {
    project.write({ revision: 'cs0000000002', down: 'cs0000000001', upgrade: "op.addColumn('authors', 'note', string(20));" });
    project.write({ revision: 'cs0000000003', down: 'cs0000000002', upgrade: "op.dropColumn('authors', 'note');" });
    project.write({
      revision: 'cs0000000004',
      down: 'cs0000000003',
      upgrade: "op.createIndex('ix_authors_born', 'authors', ['born']);\n  op.dropColumn('authors', 'born');",
    });
    const result = await upgrade(project.ctx({ connection: conn }), 'head');
    assert.deepEqual(result.heads, ['cs0000000004']);
    const authors = (await project.dialect.introspect(conn)).tables.find((t) => t.name === 'authors');
    assert.deepEqual(authors?.columns.map((c) => c.name), ['id', 'name']);
    assert.deepEqual(authors?.indexes, []);
    await conn.query('INSERT INTO authors (id, name) VALUES (1, ?)', ['Ursula']);
    assert.deepEqual((await conn.query('SELECT note FROM audit')).rows, [{ note: 'Ursula' }]);
  });
});

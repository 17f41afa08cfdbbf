/**
 * The table rebuild under load: a parent with 10,000 rows and a child with 50,000 that
 * cascade from it, a self-reference, triggers, a view, partial and expression indexes, named
 * and unnamed CHECKs. Every row and object survives a rebuild; a failure changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection } from '../../src/dialects/dialect.js';
import { sqliteDialect as d } from '../../src/dialects/sqlite/index.js';
import type { AlterColumnOp, Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import { migrate, runStep, withSqliteFile } from './sqlite-test-support.js';

const SCHEMA = `
CREATE TABLE authors (
  id INTEGER NOT NULL,
  name VARCHAR(100) NOT NULL,
  rating TEXT,
  obsolete TEXT,
  mentor_id INTEGER,
  PRIMARY KEY (id),
  CONSTRAINT ck_authors_name CHECK (length(name) > 0),
  CHECK (rating <> ''),
  FOREIGN KEY(mentor_id) REFERENCES authors (id) ON DELETE SET NULL
);
CREATE TABLE books (
  id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL
);
CREATE TABLE audit (author_id INTEGER, old_name TEXT);
CREATE INDEX ix_authors_rated ON authors (name) WHERE rating IS NOT NULL;
CREATE INDEX ix_authors_lower_name ON authors (lower(name));
CREATE INDEX ix_books_author ON books (author_id);
CREATE TRIGGER trg_authors_audit AFTER UPDATE OF name ON authors
BEGIN INSERT INTO audit (author_id, old_name) VALUES (old.id, old.name); END;
CREATE TRIGGER trg_books_touch AFTER INSERT ON books
BEGIN UPDATE authors SET obsolete = NULL WHERE id = new.author_id AND 0; END;
CREATE VIEW author_stats AS
  SELECT a.id, a.name, count(b.id) AS books FROM authors a LEFT JOIN books b ON b.author_id = a.id GROUP BY a.id;
CREATE VIEW prolific AS SELECT * FROM author_stats WHERE books > 5;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO authors (id, name, rating, obsolete, mentor_id)
  SELECT i, 'author ' || i, CAST(i % 5 + 1 AS TEXT), 'x', CASE WHEN i > 1 THEN i / 2 END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO books (author_id, title) SELECT (i % 10000) + 1, 'book ' || i FROM n;
`;

const OBJECTS = [
  'index:ix_authors_lower_name',
  'index:ix_authors_rated',
  'index:ix_books_author',
  'trigger:trg_authors_audit',
  'trigger:trg_books_touch',
  'view:author_stats',
  'view:prolific',
];

async function objects(conn: Connection): Promise<string[]> {
  const result = await conn.query("SELECT type || ':' || name AS o FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY 1");
  return result.rows.map((r) => String(r['o']));
}

async function checksum(conn: Connection): Promise<Record<string, unknown>> {
  const a = await conn.query(
    'SELECT count(*) AS n, sum(id) AS ids, sum(length(name)) AS names, sum(coalesce(mentor_id, 0)) AS mentors, sum(CAST(rating AS INTEGER)) AS ratings FROM authors',
  );
  const b = await conn.query('SELECT count(*) AS n, sum(id) AS ids, sum(author_id) AS authors, sum(length(title)) AS titles FROM books');
  return { authors: a.rows[0], books: b.rows[0] };
}

async function foreignKeys(conn: Connection): Promise<unknown> {
  return Object.values((await conn.query('PRAGMA foreign_keys')).rows[0]!)[0];
}

const on = { schema: null, table: 'authors' } as const;
const alter = (column: string, changes: AlterColumnOp['changes']): AlterColumnOp => ({ kind: 'alterColumn', ...on, column, changes, using: null, existing: null });
const REBUILD: Op[] = [alter('rating', { type: { name: 'integer' }, nullable: false }), { kind: 'dropColumn', ...on, column: 'obsolete', existing: null }];

async function loaded(body: (conn: Connection) => Promise<void>): Promise<void> {
  await withSqliteFile(async (conn) => {
    await conn.query(SCHEMA);
    await body(conn);
  });
}

describe('SQLite table rebuild', () => {
  test('a type change, a nullability change and a dropped column are one rebuild that keeps every row and object', () =>
    loaded(async (conn) => {
      const before = await d.introspect(conn);
      const sums = await checksum(conn);
      assert.equal(await foreignKeys(conn), 1);
      const statements = d.compile(REBUILD, { before, storedObjects: await d.readStoredObjects!(conn) });
      assert.equal(statements.filter((s) => s.sql === 'DROP TABLE authors').length, 1);

      await runStep(conn, statements);

      assert.deepEqual(await checksum(conn), sums);
      assert.deepEqual(await objects(conn), OBJECTS);
      assert.equal(await foreignKeys(conn), 1, 'foreign_keys is restored');
      assert.deepEqual((await conn.query('PRAGMA foreign_key_check')).rows, []);
      assert.deepEqual((await conn.query("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).rows, []);
      assert.deepEqual(await d.introspect(conn), applyOps(before, REBUILD, { quoteIdentifier: d.quoteIdentifier }));
      assert.deepEqual((await conn.query('SELECT DISTINCT typeof(rating) AS t FROM authors')).rows, [{ t: 'integer' }]);

      // The objects still work: the trigger fires, the view answers, the cascade deletes.
      await conn.query("UPDATE authors SET name = 'renamed' WHERE id = 1");
      assert.deepEqual((await conn.query('SELECT author_id, old_name FROM audit')).rows, [{ author_id: 1, old_name: 'author 1' }]);
      assert.deepEqual((await conn.query('SELECT books FROM author_stats WHERE id = 2')).rows, [{ books: 5 }]);
      await conn.query('DELETE FROM authors WHERE id = 2');
      assert.deepEqual((await conn.query('SELECT count(*) AS n FROM books WHERE author_id = 2')).rows, [{ n: 0 }]);
      assert.deepEqual((await conn.query('SELECT count(*) AS n FROM authors WHERE mentor_id = 2')).rows, [{ n: 0 }]);
    }));

  test('NULL into a column made NOT NULL fails before the copy, naming table and column, and rolls everything back', () =>
    loaded(async (conn) => {
      await conn.query('UPDATE authors SET rating = NULL WHERE id = 9999');
      const before = await d.introspect(conn);
      const sums = await checksum(conn);
      const statements = d.compile(REBUILD, { before, storedObjects: await d.readStoredObjects!(conn) });

      await assert.rejects(runStep(conn, statements), /column "rating" of table "authors" becomes NOT NULL, but rows hold NULL in it/);

      assert.deepEqual(await d.introspect(conn), before);
      assert.deepEqual(await checksum(conn), sums);
      assert.deepEqual(await objects(conn), OBJECTS);
      assert.deepEqual((await conn.query("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).rows, []);
      assert.equal(await foreignKeys(conn), 1);
    }));

  test('rows that break a new foreign key fail the check before commit', () =>
    loaded(async (conn) => {
      await conn.query('CREATE TABLE reviews (id INTEGER PRIMARY KEY, author_ref INTEGER)');
      await conn.query('INSERT INTO reviews (author_ref) VALUES (1), (123456)');
      const before = await d.introspect(conn);
      const fk = { name: 'fk_reviews_author', columns: ['author_ref'], referredSchema: null, referredTable: 'authors', referredColumns: ['id'], onDelete: null, onUpdate: null };
      await assert.rejects(
        migrate(conn, [{ kind: 'createForeignKey', schema: null, table: 'reviews', constraint: fk }]),
        /rebuilding table "reviews" left rows of "reviews" that violate a foreign key/,
      );
      assert.deepEqual(await d.introspect(conn), before);
      assert.equal(await foreignKeys(conn), 1);
    }));

  test('a NOT NULL column without a default fails on a table with rows, naming table and column; an empty table takes it', () =>
    loaded(async (conn) => {
      await conn.query('CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT)');
      const column = { name: 'slug', type: { name: 'string', length: 20 }, nullable: false, default: null, autoincrement: false, comment: null, collation: null } as const;
      const addSlug: Op[] = [{ kind: 'addColumn', schema: null, table: 'tags', column }];
      await migrate(conn, addSlug);
      assert.deepEqual((await conn.query("SELECT name, \"notnull\" AS nn FROM pragma_table_info('tags') WHERE name = 'slug'")).rows, [{ name: 'slug', nn: 1 }]);

      const before = await d.introspect(conn);
      await assert.rejects(
        migrate(conn, [{ ...addSlug[0]!, table: 'authors' } as Op]),
        /column "slug" is added to table "authors" as NOT NULL without a default, but the table has rows/,
      );
      assert.deepEqual(await d.introspect(conn), before);
      assert.deepEqual((await conn.query("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).rows, []);
    }));

  test('dropping a table that rows still refer to fails and deletes nothing; with those rows dropped in the same step it passes', () =>
    loaded(async (conn) => {
      // With foreign keys on, DROP TABLE authors would first cascade-delete every book.
      const sums = await checksum(conn);
      const dropAuthors: Op = { kind: 'dropTable', schema: null, table: 'authors', existing: null };
      await assert.rejects(migrate(conn, [dropAuthors]), /dropping table "authors" would leave rows of other tables referring to it/);
      assert.deepEqual(await checksum(conn), sums);
      assert.equal(await foreignKeys(conn), 1);

      await migrate(conn, [dropAuthors, { kind: 'dropTable', schema: null, table: 'books', existing: null }]);
      assert.deepEqual((await conn.query("SELECT name FROM sqlite_master WHERE name IN ('authors', 'books')")).rows, []);
    }));

  test('a trigger the compile did not know of stops the rebuild before anything is dropped', () =>
    loaded(async (conn) => {
      const before = await d.introspect(conn);
      const sums = await checksum(conn);
      const statements = d.compile(REBUILD, { before, storedObjects: await d.readStoredObjects!(conn) });
      await conn.query('CREATE TRIGGER trg_late AFTER DELETE ON authors BEGIN SELECT 1; END');
      await assert.rejects(runStep(conn, statements), /table "authors" has triggers this migration does not know of/);
      assert.deepEqual(await objects(conn), [...OBJECTS.slice(0, 5), 'trigger:trg_late', ...OBJECTS.slice(5)]);
      assert.deepEqual(await d.introspect(conn), before);
      assert.deepEqual(await checksum(conn), sums);
    }));

  test('AUTOINCREMENT and its sequence survive a rebuild', () =>
    loaded(async (conn) => {
      await conn.query('DELETE FROM books WHERE id > 49990');
      await migrate(conn, [{ kind: 'alterColumn', schema: null, table: 'books', column: 'title', changes: { nullable: true }, using: null, existing: null }]);
      const stored = await conn.query("SELECT sql FROM sqlite_master WHERE name = 'books'");
      assert.match(String(stored.rows[0]!['sql']), /id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT/);
      await conn.query("INSERT INTO books (author_id, title) VALUES (1, 'next')");
      assert.deepEqual((await conn.query("SELECT id FROM books WHERE title = 'next'")).rows, [{ id: 50001 }]);
    }));

  test('renames in the same migration reach the triggers and views the rebuild recreates', () =>
    loaded(async (conn) => {
      const before = await d.introspect(conn);
      const ops: Op[] = [
        { kind: 'renameColumn', ...on, column: 'name', newName: 'full_name' },
        { kind: 'renameTable', ...on, newName: 'writers' },
        { kind: 'alterColumn', schema: null, table: 'writers', column: 'rating', changes: { type: { name: 'integer' } }, using: null, existing: null },
      ];
      await migrate(conn, ops);
      assert.deepEqual(await d.introspect(conn), applyOps(before, ops, { quoteIdentifier: d.quoteIdentifier }));
      await conn.query("UPDATE writers SET full_name = 'x' WHERE id = 3");
      assert.deepEqual((await conn.query('SELECT old_name FROM audit')).rows, [{ old_name: 'author 3' }]);
      assert.deepEqual((await conn.query('SELECT count(*) AS n FROM prolific')).rows, [{ n: 0 }]);
    }));
});

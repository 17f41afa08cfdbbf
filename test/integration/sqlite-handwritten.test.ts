/**
 * A schema written by hand, in the spellings people use, reads into a snapshot whose DDL,
 * run in an empty database, reads back as the same snapshot.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sqliteDialect as d } from '../../src/dialects/sqlite/index.js';
import { sortTablesByDependency } from '../../src/snapshot/dependency-order.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { runStep, withSqliteFile } from './sqlite-test-support.js';

const HANDWRITTEN = `
create table authors (
  id INT primary key,                       -- not INTEGER: still reads as an integer key
  name VARCHAR(255) not null constraint uq_author_name unique,
  active bool DEFAULT false,
  email varchar (100) unique collate nocase,
  born date check (born > '1800-01-01'),
  created timestamp default current_timestamp,
  score real default -1.5,
  price numeric(10,2) default (0),
  bio text,
  constraint ck_authors_name check (length(name)  >
     0)
);
CREATE TABLE "Books" (
  "id" integer PRIMARY KEY AUTOINCREMENT,
  author_id int not null references authors on delete cascade,
  title character varying(20) NOT NULL DEFAULT 'untitled',
  weight double precision,
  isbn CHAR(32),
  cover blob,
  meta json,
  edition smallint default 1,
  sold bigint,
  series_id integer CONSTRAINT fk_books_series REFERENCES "Books"(id) ON UPDATE set null,
  CONSTRAINT uq_books_title UNIQUE (title, author_id),
  check (weight is null or weight > 0)
);
create table book_tags (book_id integer not null, tag text not null collate nocase, primary key (book_id, tag),
  foreign key (book_id) references "Books" (id));
create index ix_books_lower_title on "Books" (lower(title)) where sold > 0;
create unique index ux_books_isbn on "Books" (isbn desc);
`;

describe('SQLite, a hand-written schema', () => {
  test('reads in the canonical form', () =>
    withSqliteFile(async (conn) => {
      await conn.query(HANDWRITTEN);
      const snapshot = await d.introspect(conn);
      assert.deepEqual(snapshot.tables.map((t) => t.name), ['Books', 'authors', 'book_tags']);
      const [books, authors] = snapshot.tables;
      assert.deepEqual(
        authors!.columns.map((c) => [c.name, c.type.name, c.nullable, c.default, c.autoincrement, c.collation]),
        [
          ['id', 'integer', false, null, true, null],
          ['name', 'string', false, null, false, null],
          ['active', 'boolean', true, 'false', false, null],
          ['email', 'string', true, null, false, 'nocase'],
          ['born', 'date', true, null, false, null],
          ['created', 'dateTime', true, 'current_timestamp', false, null],
          ['score', 'float', true, '-1.5', false, null],
          ['price', 'numeric', true, '0', false, null],
          ['bio', 'text', true, null, false, null],
        ],
      );
      assert.deepEqual(authors!.uniqueConstraints, [{ name: null, columns: ['email'] }, { name: 'uq_author_name', columns: ['name'] }]);
      assert.deepEqual(authors!.checkConstraints, [
        { name: null, sql: "born > '1800-01-01'" },
        { name: 'ck_authors_name', sql: 'length(name) > 0' },
      ]);
      assert.deepEqual(books!.foreignKeys, [
        { name: null, columns: ['author_id'], referredSchema: null, referredTable: 'authors', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null },
        { name: 'fk_books_series', columns: ['series_id'], referredSchema: null, referredTable: 'Books', referredColumns: ['id'], onDelete: null, onUpdate: 'SET NULL' },
      ]);
      assert.deepEqual(books!.indexes, [
        { name: 'ix_books_lower_title', elements: [{ expression: 'lower(title)' }], unique: false, where: 'sold > 0' },
        { name: 'ux_books_isbn', elements: [{ column: 'isbn', descending: true }], unique: true, where: null },
      ]);
      assert.deepEqual(books!.columns.map((c) => c.type), [
        { name: 'integer' },
        { name: 'integer' },
        { name: 'string', length: 20 },
        { name: 'double' },
        { name: 'uuid' },
        { name: 'binary' },
        { name: 'json' },
        { name: 'smallInteger' },
        { name: 'bigInteger' },
        { name: 'integer' },
      ]);
    }));

  test('its snapshot, created from scratch, reads back identically', async () => {
    let original: SchemaSnapshot | undefined;
    await withSqliteFile(async (conn) => {
      await conn.query(HANDWRITTEN);
      original = await d.introspect(conn);
    });
    await withSqliteFile(async (conn) => {
      for (const table of sortTablesByDependency(original!.tables)) await runStep(conn, d.createTableStatements(table));
      assert.deepEqual(await d.introspect(conn), original);
    });
  });
});

// PostgreSQL introspection: a fixed number of catalog queries, any identifier, and a
// hand-written schema that survives a trip through our own DDL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection } from '../../src/dialects/dialect.js';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import { sortTablesByDependency } from '../../src/snapshot/dependency-order.js';
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { postgresSuite } from '../helpers/postgres-suite.js';

const EMPTY: SchemaSnapshot = { dialect: 'postgresql', tables: [], enums: [] };

function connect(url: string): Promise<Connection> {
  return pg.connect(parseDatabaseUrl(url, process.cwd()));
}

async function runAll(conn: Connection, statements: readonly { readonly sql: string; readonly params: readonly unknown[] }[]): Promise<void> {
  for (const s of statements) await conn.query(s.sql, s.params);
}

function col(name: string, type: ColumnType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, collation: null, ...extra };
}

/** A Connection that counts the statements sent through it. */
function counting(conn: Connection): { readonly conn: Connection; readonly count: () => number } {
  let n = 0;
  return {
    conn: { dialect: conn.dialect, query: (sql, params) => ((n += 1), conn.query(sql, params)), close: () => conn.close() },
    count: () => n,
  };
}

/** A table with a little of everything introspection reads: PK, FK, unique, check, index, enum. */
function busyTable(i: number): TableSnapshot {
  return {
    schema: null,
    name: `t${i}`,
    columns: [
      col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
      col('parent_id', { name: 'integer' }),
      col('code', { name: 'string', length: 20 }, { default: "'x'::character varying", comment: 'a code' }),
      col('state', { name: 'enum', enumName: 'state', values: ['on', 'off'] }),
    ],
    primaryKey: { name: `pk_t${i}`, columns: ['id'] },
    foreignKeys: [{ name: `fk_t${i}_parent`, columns: ['parent_id'], referredSchema: null, referredTable: `t${i}`, referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null }],
    uniqueConstraints: [{ name: `uq_t${i}_code`, columns: ['code'] }],
    checkConstraints: [{ name: `ck_t${i}_code`, sql: pg.normalizeExpression("code <> ''") }],
    indexes: [{ name: `ix_t${i}_lower_code`, elements: [{ expression: 'lower(code)' }], unique: false, where: null }],
    comment: `table ${i}`,
  };
}

describe('PostgreSQL introspection', () => {
  const suite = postgresSuite();

  test('issues the same number of catalog queries for 5 tables as for 50', async () => {
    const create = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => ({ kind: 'createTable' as const, table: busyTable(from + k) }));
    await runAll(suite.conn(), pg.compile(create(0, 5), { before: await pg.introspect(suite.conn()) }));
    const five = counting(suite.conn());
    const snapshotFive = await pg.introspect(five.conn);
    assert.equal(snapshotFive.tables.length, 5);

    await runAll(suite.conn(), pg.compile(create(5, 50), { before: snapshotFive }));
    const fifty = counting(suite.conn());
    const snapshotFifty = await pg.introspect(fifty.conn);
    assert.equal(snapshotFifty.tables.length, 50);
    assert.equal(fifty.count(), five.count());
    assert.ok(five.count() <= 6, `at most six queries, got ${five.count()}`);
    assert.deepEqual(snapshotFifty.tables.find((t) => t.name === 't7'), busyTable(7));
  });

  test('an enum column reads as the enum when the type is in the default schema, as SQLAlchemy puts it, whatever schemas are read', async () => {
    // What SQLAlchemy 1.4 emits for an Enum in a table of schema app (Enum does not inherit the schema).
    await suite.conn().query(`CREATE SCHEMA app;
      CREATE TYPE mood AS ENUM ('happy', 'sad');
      CREATE TABLE app.people (mood mood DEFAULT 'happy', moods mood[]);
      CREATE TYPE app.local AS ENUM ('x');
      CREATE TABLE app.places (kind app.local)`);
    const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };
    const appOnly = await pg.introspect(suite.conn(), { schemas: ['app'] });
    // Of the default schema's enums, the ones the tables read use.
    assert.deepEqual(appOnly.enums, [{ schema: null, name: 'mood', values: ['happy', 'sad'] }, { schema: 'app', name: 'local', values: ['x'] }]);
    assert.deepEqual(appOnly.tables.find((t) => t.name === 'people')?.columns, [
      col('mood', mood, { default: "'happy'::mood" }),
      col('moods', { name: 'array', of: mood }),
    ]);
    // A type beside a table in another schema is not one the models make: it reads as written.
    assert.deepEqual(appOnly.tables.find((t) => t.name === 'places')?.columns, [col('kind', { name: 'custom', sql: 'app.local' })]);
    const publicOnly = await pg.introspect(suite.conn());
    assert.deepEqual(publicOnly.enums.find((e) => e.name === 'mood'), { schema: null, name: 'mood', values: ['happy', 'sad'] });
    await suite.conn().query('DROP SCHEMA app CASCADE; DROP TYPE mood');
  });

  test('excludeTable leaves tables out', async () => {
    const snapshot = await pg.introspect(suite.conn(), { excludeTable: (schema, name) => schema === null && name !== 't1' });
    assert.deepEqual(snapshot.tables.map((t) => t.name), ['t1']);
  });
});

describe('PostgreSQL identifiers', () => {
  const suite = postgresSuite();

  test('reserved words, mixed case, quotes and non-ASCII names round-trip as tables, columns, constraints and indexes', async () => {
    const names = ['order', 'user', 'select', 'Mixed Case', 'quote"d', 'naïve', 'emoji_🙂'];
    const tables: TableSnapshot[] = names.map((name) => ({
      schema: null,
      name,
      columns: [
        col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
        ...names.map((c) => col(c, { name: 'text' }, { comment: `column ${c}` })),
        col('ref', { name: 'integer' }),
      ],
      primaryKey: { name: `pk ${name}`, columns: ['id'] },
      foreignKeys: [{ name: `fk ${name}`, columns: ['ref'], referredSchema: null, referredTable: 'order', referredColumns: ['id'], onDelete: null, onUpdate: null }],
      uniqueConstraints: [{ name: `uq ${name}`, columns: ['Mixed Case', 'quote"d'] }],
      checkConstraints: [{ name: `ck ${name}`, sql: pg.normalizeExpression(`"naïve" <> "emoji_🙂"`) }],
      indexes: [
        { name: `ix ${name}`, elements: [{ column: 'select' }, { column: 'user', descending: true }], unique: false, where: pg.normalizeExpression('"order" IS NOT NULL') },
        { name: `ix expr ${name}`, elements: [{ expression: pg.normalizeExpression('lower("Mixed Case")') }], unique: true, where: null },
      ],
      comment: `table "${name}"`,
    }));
    const ordered = sortTablesByDependency(tables);
    await runAll(suite.conn(), pg.compile(ordered.map((table) => ({ kind: 'createTable', table })), { before: EMPTY }));
    const snapshot = await pg.introspect(suite.conn());
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const expected = tables.map((t) => ({ ...t, indexes: [...t.indexes].sort(byName) })).sort(byName);
    assert.deepEqual(snapshot.tables, expected);
  });
});

const HAND_WRITTEN = `
CREATE TABLE Authors (
  ID SERIAL PRIMARY KEY,
  Name VARCHAR(255) NOT NULL,
  email varchar(120) UNIQUE,
  Active bool DEFAULT false,
  born date,
  rating numeric(3,1) DEFAULT 0.0 CHECK (rating BETWEEN 0 AND 10),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  tags text[] DEFAULT '{}',
  score float,
  small real,
  initials char(3),
  code text COLLATE "C",
  data JSONB DEFAULT '{"a":1}',
  external_id uuid DEFAULT gen_random_uuid()
);
COMMENT ON TABLE authors IS 'who writes';
COMMENT ON COLUMN authors.name IS 'full name';
create table books (
  id int generated by default as identity primary key,
  author_id INT not null references authors (id) on delete cascade on update restrict,
  title text not null,
  price NUMERIC(10, 2),
  pages smallint default -1,
  isbn BIGINT,
  constraint uq_books_author_title unique (author_id, title),
  constraint ck_books_title check (length(title) > 0 AND title <> upper(title) or pages IN (1, 2, 3))
);
CREATE INDEX ix_books_title_lower ON books (LOWER(title), price DESC) WHERE pages > 0;
create unique index ix_books_isbn on books (isbn);
`;

describe('a hand-written PostgreSQL schema', () => {
  let original: TestDatabase;
  let copy: TestDatabase;

  before(async () => {
    original = await createPostgresDatabase();
    copy = await createPostgresDatabase();
  });
  after(async () => {
    await original.dispose();
    await copy.dispose();
  });

  test('introspects to a snapshot whose createTableStatements rebuild an identical schema', async () => {
    const source = await connect(original.url);
    let snapshot: SchemaSnapshot;
    try {
      await source.query(HAND_WRITTEN);
      snapshot = await pg.introspect(source);
    } finally {
      await source.close();
    }

    const authors = snapshot.tables.find((t) => t.name === 'authors');
    const column = (name: string) => authors?.columns.find((c) => c.name === name);
    assert.deepEqual(column('id'), col('id', { name: 'integer' }, { nullable: false, autoincrement: true }));
    assert.deepEqual(column('name')?.type, { name: 'string', length: 255 });
    assert.equal(column('name')?.comment, 'full name');
    assert.equal(column('active')?.default, 'false');
    assert.equal(column('created_at')?.default, 'now()');
    assert.deepEqual(column('created_at')?.type, { name: 'dateTime', timezone: true });
    assert.deepEqual(column('score')?.type, { name: 'double' });
    assert.deepEqual(column('small')?.type, { name: 'custom', sql: 'real' });
    assert.deepEqual(column('tags')?.type, { name: 'array', of: { name: 'text' } });
    assert.equal(column('code')?.collation, 'C');
    assert.equal(column('name')?.collation, null);
    const books = snapshot.tables.find((t) => t.name === 'books');
    assert.equal(books?.columns.find((c) => c.name === 'id')?.autoincrement, true, 'an IDENTITY column autoincrements');
    assert.equal(books?.columns.find((c) => c.name === 'pages')?.default, "'-1'::integer");
    assert.deepEqual(books?.indexes.map((i) => i.name), ['ix_books_isbn', 'ix_books_title_lower'], 'indexes behind constraints are left out');
    assert.deepEqual(books?.foreignKeys[0]?.onUpdate, 'RESTRICT');

    const target = await connect(copy.url);
    try {
      for (const table of sortTablesByDependency(snapshot.tables)) await runAll(target, pg.createTableStatements(table));
      assert.deepEqual(await pg.introspect(target), snapshot);
    } finally {
      await target.close();
    }
  });
});

describe('PostgreSQL default schema', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createPostgresDatabase();
  });
  after(async () => {
    await db.dispose();
  });

  test('the connection search_path decides which schema reads as null', async () => {
    const setup = await connect(db.url);
    try {
      await setup.query('CREATE SCHEMA app; CREATE TABLE app.a (id integer); CREATE TABLE public.b (id integer)');
    } finally {
      await setup.close();
    }
    const conn = await connect(`${db.url}?options=-csearch_path%3Dapp`);
    try {
      const own = await pg.introspect(conn);
      assert.deepEqual(own.tables.map((t) => [t.schema, t.name]), [[null, 'a']]);
      const both = await pg.introspect(conn, { schemas: ['app', 'public'] });
      assert.deepEqual(both.tables.map((t) => [t.schema, t.name]), [[null, 'a'], ['public', 'b']]);
    } finally {
      await conn.close();
    }
  });
});

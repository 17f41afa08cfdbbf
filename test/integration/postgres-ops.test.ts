// Every op kind runs for real on PostgreSQL, one step after another, and introspection
// afterwards shows exactly the change the op describes: the snapshot before, with the ops
// applied (applyOps), is what the server reports.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Statement } from '../../src/dialects/dialect.js';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import { needsUsing } from '../../src/dialects/postgres/postgres-ddl-alter.js';
import type { Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { runStatements } from '../helpers/run-statements.js';
import { postgresSuite } from '../helpers/postgres-suite.js';

function col(name: string, type: ColumnType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type: pg.normalizeType(type), nullable: true, default: null, autoincrement: false, comment: null, collation: null, ...extra };
}

function table(name: string, columns: ColumnSnapshot[], extra: Partial<TableSnapshot> = {}): TableSnapshot {
  return {
    schema: null, name, columns, primaryKey: null, foreignKeys: [], uniqueConstraints: [], checkConstraints: [],
    indexes: [], comment: null, ...extra,
  };
}

const expr = (sql: string): string => pg.normalizeExpression(sql);
const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };
const varchar10: ColumnType = { name: 'string', length: 10 };


const users = table(
  'users',
  [
    col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
    col('name', { name: 'string', length: 50 }, { nullable: false, comment: 'display name' }),
    col('email', { name: 'string', length: 120 }),
    col('age', { name: 'integer' }, { default: pg.normalizeDefault({ literal: 18 }, { name: 'integer' }) }),
    col('mood', mood, { default: pg.normalizeDefault({ literal: 'happy' }, mood) }),
    col('created_at', { name: 'dateTime', timezone: true }, { nullable: false, default: pg.normalizeDefault({ sql: 'CURRENT_TIMESTAMP' }, { name: 'dateTime', timezone: true }) }),
  ],
  {
    primaryKey: { name: 'pk_users', columns: ['id'] },
    uniqueConstraints: [{ name: 'uq_users_email', columns: ['email'] }],
    checkConstraints: [{ name: 'ck_users_age', sql: expr('age >= 0') }],
    indexes: [{ name: 'ix_users_lower_name', elements: [{ expression: expr('lower(name)') }], unique: false, where: expr('(age > 0)') }],
    comment: 'people',
  },
);

const posts = table(
  'posts',
  [
    col('id', { name: 'bigInteger' }, { nullable: false, autoincrement: true }),
    col('user_id', { name: 'integer' }, { nullable: false }),
    col('title', { name: 'text' }),
  ],
  {
    primaryKey: { name: 'pk_posts', columns: ['id'] },
    foreignKeys: [{
      name: 'fk_posts_user_id_users', columns: ['user_id'], referredSchema: null, referredTable: 'users',
      referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null,
    }],
    indexes: [{ name: 'ix_posts_user_title', elements: [{ column: 'user_id' }, { column: 'title', descending: true }], unique: false, where: null }],
  },
);

const zip = col('zip', varchar10, { default: pg.normalizeDefault({ literal: '0' }, varchar10), comment: 'postal code' });
const on = (name: string) => ({ schema: null, table: name }) as const;

const STEPS: readonly { readonly name: string; readonly ops: readonly Op[] }[] = [
  { name: 'createEnum', ops: [{ kind: 'createEnum', schema: null, name: 'mood', values: ['happy', 'sad'] }] },
  { name: 'createTable with constraints, comments, an expression index and a partial index', ops: [{ kind: 'createTable', table: users }] },
  { name: 'createTable with a foreign key and a descending index', ops: [{ kind: 'createTable', table: posts }] },
  { name: 'bulkInsert', ops: [{ kind: 'bulkInsert', ...on('users'), rows: [{ name: 'ann', email: 'a@x' }, { name: 'bob', age: 40 }] }] },
  { name: 'addColumn with a default and a comment', ops: [{ kind: 'addColumn', ...on('users'), column: zip }] },
  { name: 'execute with parameters', ops: [{ kind: 'execute', sql: 'UPDATE users SET zip = $1', params: ['12345'] }] },
  {
    name: 'alterColumn type varchar -> integer (USING added) with a new default',
    ops: [{
      kind: 'alterColumn', ...on('users'), column: 'zip', using: null, existing: zip,
      changes: { type: { name: 'integer' }, default: pg.normalizeDefault({ literal: 0 }, { name: 'integer' }) },
    }],
  },
  {
    name: 'alterColumn type, nullability, default, comment and name at once',
    ops: [{
      kind: 'alterColumn', ...on('users'), column: 'age', using: null, existing: users.columns[3] ?? null,
      changes: { type: { name: 'bigInteger' }, nullable: false, default: '21', comment: 'in years', newName: 'years' },
    }],
  },
  { name: 'renameColumn', ops: [{ kind: 'renameColumn', ...on('users'), column: 'email', newName: 'e_mail' }] },
  {
    name: 'createIndex unique and partial, and createIndex CONCURRENTLY',
    ops: [
      { kind: 'createIndex', ...on('users'), concurrently: false, index: { name: 'ix_users_e_mail', elements: [{ column: 'e_mail' }], unique: true, where: expr('e_mail IS NOT NULL') } },
      { kind: 'createIndex', ...on('users'), concurrently: true, index: { name: 'ix_users_created_at', elements: [{ column: 'created_at' }], unique: false, where: null } },
    ],
  },
  { name: 'dropIndex CONCURRENTLY', ops: [{ kind: 'dropIndex', ...on('users'), name: 'ix_users_created_at', existing: null, concurrently: true }] },
  {
    name: 'create unique, check and foreign key constraints',
    ops: [
      { kind: 'addColumn', ...on('posts'), column: col('editor_id', { name: 'integer' }) },
      { kind: 'createUniqueConstraint', ...on('users'), constraint: { name: 'uq_users_name', columns: ['name'] } },
      { kind: 'createCheckConstraint', ...on('users'), constraint: { name: 'ck_users_name', sql: expr('LENGTH(name) > 0') } },
      {
        kind: 'createForeignKey', ...on('posts'),
        constraint: { name: 'fk_posts_editor', columns: ['editor_id'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'RESTRICT' },
      },
    ],
  },
  {
    name: 'dropConstraint',
    ops: [
      { kind: 'dropConstraint', ...on('users'), name: 'uq_users_name', type: 'unique', existing: null },
      { kind: 'dropConstraint', ...on('users'), name: 'ck_users_name', type: 'check', existing: null },
      { kind: 'dropConstraint', ...on('posts'), name: 'fk_posts_editor', type: null, existing: null },
    ],
  },
  {
    name: 'drop and create a primary key',
    ops: [
      { kind: 'dropConstraint', ...on('posts'), name: 'pk_posts', type: 'primary', existing: null },
      { kind: 'createPrimaryKey', ...on('posts'), constraint: { name: 'pk_posts_id', columns: ['id'] } },
    ],
  },
  { name: 'setTableComment', ops: [{ kind: 'setTableComment', ...on('users'), comment: "members' list", existing: 'people' }] },
  { name: 'setTableComment to none', ops: [{ kind: 'setTableComment', ...on('users'), comment: null, existing: "members' list" }] },
  { name: 'renameTable', ops: [{ kind: 'renameTable', ...on('posts'), newName: 'articles' }] },
  {
    name: 'batchAlterTable',
    ops: [{
      kind: 'batchAlterTable', ...on('articles'),
      ops: [
        { kind: 'addColumn', ...on('articles'), column: col('published', { name: 'boolean' }, { nullable: false, default: pg.normalizeDefault({ literal: false }, { name: 'boolean' }) }) },
        { kind: 'createIndex', ...on('articles'), concurrently: false, index: { name: 'ix_articles_published', elements: [{ column: 'published' }], unique: false, where: null } },
      ],
    }],
  },
  {
    name: 'addEnumValue (in a transaction) and renameEnumValue',
    ops: [
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'meh', before: null, after: 'happy' },
      { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'sad', to: 'blue' },
    ],
  },
  { name: 'alterColumn autoincrement off', ops: [{ kind: 'alterColumn', ...on('articles'), column: 'id', using: null, existing: null, changes: { autoincrement: false } }] },
  { name: 'alterColumn autoincrement on', ops: [{ kind: 'alterColumn', ...on('articles'), column: 'id', using: null, existing: null, changes: { autoincrement: true } }] },
  { name: 'dropColumn', ops: [{ kind: 'dropColumn', ...on('users'), column: 'zip', existing: null }] },
  {
    name: 'dropTable, with the enum type going along with its last table',
    ops: [
      { kind: 'dropTable', ...on('articles'), existing: null },
      { kind: 'dropTable', ...on('users'), existing: null },
      { kind: 'dropEnum', schema: null, name: 'mood', existingValues: null },
    ],
  },
];

describe('PostgreSQL ops, run for real', () => {
  let db: TestDatabase;
  let conn: Connection;
  let expected: SchemaSnapshot;

  before(async () => {
    db = await createPostgresDatabase();
    conn = await pg.connect(parseDatabaseUrl(db.url, process.cwd()));
    expected = await pg.introspect(conn);
  });
  after(async () => {
    await conn.close();
    await db.dispose();
  });

  for (const step of STEPS) {
    test(`${step.name}: introspection shows exactly the change`, async () => {
      const actualBefore = await pg.introspect(conn);
      await runStatements(conn, pg.compile(step.ops, { before: actualBefore }));
      expected = applyOps(expected, step.ops, { quoteIdentifier: pg.quoteIdentifier });
      assert.deepEqual(await pg.introspect(conn), expected);
    });
  }

  test('rows survive the steps that rewrite a column', async () => {
    await runStatements(conn, pg.compile([{ kind: 'createTable', table: table('t', [col('v', varchar10)]) }], { before: await pg.introspect(conn) }));
    await conn.query("INSERT INTO t (v) VALUES ('42'), (NULL)");
    const existing = col('v', varchar10);
    await runStatements(conn, pg.compile([{ kind: 'alterColumn', ...on('t'), column: 'v', using: null, existing, changes: { type: { name: 'integer' } } }], { before: await pg.introspect(conn) }));
    const { rows } = await conn.query('SELECT v FROM t ORDER BY v');
    assert.deepEqual(rows, [{ v: 42 }, { v: null }]);
  });

  test('an ALTER TYPE that keeps the old default converts the default with an explicit cast', async () => {
    const withDefault = col('d', varchar10, { default: pg.normalizeDefault({ literal: '7' }, varchar10) });
    await runStatements(conn, pg.compile([{ kind: 'addColumn', ...on('t'), column: withDefault }], { before: await pg.introspect(conn) }));
    await runStatements(conn, pg.compile([{ kind: 'alterColumn', ...on('t'), column: 'd', using: null, existing: withDefault, changes: { type: { name: 'integer' } } }], { before: await pg.introspect(conn) }));
    await conn.query('INSERT INTO t (v) VALUES (1)');
    const { rows } = await conn.query('SELECT d FROM t WHERE v = 1');
    assert.deepEqual(rows, [{ d: 7 }]);
  });

  test('a hand-written type change without `existing` takes the old type and default from the database', async () => {
    // As Alembic's op.alter_column(..., type_=Integer) with no existing_*: the op alone knows
    // neither that the server needs USING nor that the default must be recast.
    await conn.query("CREATE TABLE hand (id integer, n varchar(10) DEFAULT '7')");
    await conn.query("INSERT INTO hand (id, n) VALUES (1, '12')");
    const alter: Op = { kind: 'alterColumn', ...on('hand'), column: 'n', using: null, existing: null, changes: { type: { name: 'integer' } } };
    await runStatements(conn, pg.compile([alter], { before: await pg.introspect(conn) }));
    await conn.query('INSERT INTO hand (id) VALUES (2)');
    const { rows } = await conn.query('SELECT id, n FROM hand ORDER BY id');
    assert.deepEqual(rows, [{ id: 1, n: 12 }, { id: 2, n: 7 }]);
  });
});

describe('PostgreSQL ops in a named schema', () => {
  let db: TestDatabase;
  let conn: Connection;

  before(async () => {
    db = await createPostgresDatabase();
    conn = await pg.connect(parseDatabaseUrl(db.url, process.cwd()));
    await conn.query('CREATE SCHEMA app');
  });
  after(async () => {
    await conn.close();
    await db.dispose();
  });

  test('tables, indexes and cross-schema foreign keys round-trip with their schema; enum types with the default schema', async () => {
    const status: ColumnType = { name: 'enum', enumName: 'status', values: ['new', 'done'] };
    const owners = table('owners', [col('id', { name: 'integer' }, { nullable: false, autoincrement: true })], { primaryKey: { name: 'pk_owners', columns: ['id'] } });
    const things = table(
      'things',
      [
        col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
        col('status', status, { default: pg.normalizeDefault({ literal: 'new' }, status) }),
        col('owner_id', { name: 'integer' }),
      ],
      {
        schema: 'app',
        primaryKey: { name: 'pk_things', columns: ['id'] },
        foreignKeys: [{ name: 'fk_things_owner', columns: ['owner_id'], referredSchema: null, referredTable: 'owners', referredColumns: ['id'], onDelete: null, onUpdate: null }],
        indexes: [{ name: 'ix_things_status', elements: [{ column: 'status' }], unique: false, where: null }],
      },
    );
    const ops: Op[] = [
      { kind: 'createTable', table: owners },
      { kind: 'createEnum', schema: null, name: 'status', values: ['new', 'done'] },
      { kind: 'createTable', table: things },
    ];
    const empty = await pg.introspect(conn, { schemas: ['public', 'app'] });
    await runStatements(conn, pg.compile(ops, { before: empty }));
    const actual = await pg.introspect(conn, { schemas: ['public', 'app'] });
    assert.deepEqual(actual, applyOps(empty, ops, { quoteIdentifier: pg.quoteIdentifier }));
    const { rows } = await conn.query(
      "SELECT pg_get_expr(adbin, adrelid) AS printed FROM pg_attrdef WHERE adrelid = 'app.things'::regclass AND adnum = 2",
    );
    assert.deepEqual(rows, [{ printed: "'new'::status" }], 'the type is public.status, as SQLAlchemy makes an Enum of a table in a schema');

    await runStatements(conn, pg.compile([{ kind: 'dropTable', schema: 'app', table: 'things', existing: null }], { before: actual }));
    const afterDrop = await pg.introspect(conn, { schemas: ['public', 'app'] });
    assert.deepEqual(afterDrop.enums, [], 'the enum type went with its only table');
    assert.deepEqual(afterDrop.tables.map((t) => t.name), ['owners']);
  });
});

describe('PostgreSQL ALTER COLUMN TYPE casts', () => {
  const suite = postgresSuite();

  test('a column with a default becomes the autoincrementing key: the default goes before the identity', async () => {
    const withDefault = col('n', { name: 'integer' }, { nullable: false, default: '0' });
    await runStatements(suite.conn(), pg.compile([{ kind: 'createTable', table: table('counted', [withDefault]) }], { before: await pg.introspect(suite.conn()) }));
    await runStatements(
      suite.conn(),
      pg.compile([{ kind: 'alterColumn', ...on('counted'), column: 'n', using: null, existing: withDefault, changes: { default: null, autoincrement: true } }], {
        before: await pg.introspect(suite.conn()),
      }),
    );
    const column = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'counted')?.columns[0];
    assert.equal(column?.autoincrement, true);
    assert.equal(column?.default, null);
  });

  test('USING is added exactly for the type pairs the server will not convert on its own', async () => {
    const types: ColumnType[] = [
      { name: 'integer' }, { name: 'bigInteger' }, { name: 'smallInteger' }, { name: 'numeric', precision: 10, scale: 2 },
      { name: 'double' }, { name: 'string', length: 20 }, { name: 'text' }, { name: 'boolean' }, { name: 'date' },
      { name: 'dateTime', timezone: false }, { name: 'dateTime', timezone: true }, { name: 'time' }, { name: 'json' },
      { name: 'jsonb' }, { name: 'uuid' }, { name: 'interval' }, { name: 'inet' }, { name: 'cidr' }, { name: 'binary' },
      { name: 'array', of: { name: 'integer' } }, { name: 'array', of: { name: 'bigInteger' } }, { name: 'array', of: { name: 'text' } },
    ];
    const mismatches: string[] = [];
    await suite.conn().query('BEGIN');
    try {
      for (const [i, from] of types.entries()) {
        await suite.conn().query(`CREATE TABLE cast_${i} (c ${pg.typeToSql(from)})`);
        for (const to of types) {
          if (from === to) continue;
          await suite.conn().query('SAVEPOINT attempt');
          const converted = await suite.conn().query(`ALTER TABLE cast_${i} ALTER COLUMN c TYPE ${pg.typeToSql(to)}`).then(() => true, () => false);
          await suite.conn().query('ROLLBACK TO SAVEPOINT attempt');
          if (converted === needsUsing(from, to)) mismatches.push(`${pg.typeToSql(from)} -> ${pg.typeToSql(to)}`);
        }
      }
    } finally {
      await suite.conn().query('ROLLBACK');
    }
    assert.deepEqual(mismatches, []);
  });
});

describe('PostgreSQL ALTER COLUMN TYPE with CHECKs and indexes on the column', () => {
  const suite = postgresSuite();

  const numeric: ColumnType = { name: 'numeric', precision: 10, scale: 2 };
  const priced = (name: string): TableSnapshot =>
    table(name, [col('n', numeric), col('m', { name: 'integer' })], {
      checkConstraints: [
        { name: `ck_${name}_pos`, sql: expr('n > 0') },
        { name: `ck_${name}_range`, sql: expr('n BETWEEN 1 AND 100') },
        { name: `ck_${name}_m`, sql: expr('m > 0') },
      ],
      indexes: [
        { name: `ix_${name}_part`, elements: [{ column: 'm' }], unique: false, where: expr('n > 0') },
        { name: `ix_${name}_expr`, elements: [{ expression: expr('n + 1') }], unique: false, where: null },
        { name: `ix_${name}_m`, elements: [{ expression: expr('m + 1') }], unique: false, where: null },
      ],
    });

  /** Compiles and runs `ops` against the live schema, and checks introspection matches the snapshot with them applied. */
  async function runAndCompare(ops: readonly Op[]): Promise<Statement[]> {
    const current = await pg.introspect(suite.conn());
    const statements = pg.compile(ops, { before: current });
    await runStatements(suite.conn(), statements);
    assert.deepEqual(await pg.introspect(suite.conn()), applyOps(current, ops, { quoteIdentifier: pg.quoteIdentifier }));
    return statements;
  }

  test('numeric -> bigint -> numeric keeps the CHECKs, partial and expression indexes as the model writes them', async () => {
    const t = priced('t1');
    await runAndCompare([{ kind: 'createTable', table: t }]);
    await suite.conn().query('INSERT INTO t1 (n, m) VALUES (5, 1)');
    const toBigint = await runAndCompare([
      { kind: 'alterColumn', ...on('t1'), column: 'n', using: null, existing: t.columns[0] ?? null, changes: { type: { name: 'bigInteger' } } },
    ]);
    const touched = toBigint.map((s) => s.sql).join('\n');
    assert.doesNotMatch(touched, /ck_t1_m|ix_t1_m\b/, 'what does not mention the column is left alone');
    const { rows } = await suite.conn().query("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ck_t1_pos'");
    assert.deepEqual(rows, [{ def: 'CHECK ((n > 0))' }], 'no cast to the old type stays behind');
    await runAndCompare([
      { kind: 'alterColumn', ...on('t1'), column: 'n', using: null, existing: col('n', { name: 'bigInteger' }), changes: { type: numeric } },
    ]);
    await assert.rejects(suite.conn().query('INSERT INTO t1 (n, m) VALUES (-1, 1)'), /ck_t1_pos/);
  });

  test('a type change with a rename re-creates the CHECKs and indexes under the new column name', async () => {
    const t = priced('t2');
    await runAndCompare([{ kind: 'createTable', table: t }]);
    await runAndCompare([
      { kind: 'alterColumn', ...on('t2'), column: 'n', using: null, existing: t.columns[0] ?? null, changes: { type: { name: 'integer' }, newName: 'amount' } },
    ]);
  });

  test('a CHECK or index dropped earlier in the same revision is not made again', async () => {
    const t = priced('t3');
    await runAndCompare([{ kind: 'createTable', table: t }]);
    const statements = await runAndCompare([
      { kind: 'dropConstraint', ...on('t3'), name: 'ck_t3_pos', type: 'check', existing: null },
      { kind: 'dropIndex', ...on('t3'), name: 'ix_t3_part', existing: null, concurrently: false },
      { kind: 'alterColumn', ...on('t3'), column: 'n', using: null, existing: t.columns[0] ?? null, changes: { type: { name: 'smallInteger' } } },
    ]);
    assert.equal(statements.filter((s) => /ck_t3_pos|ix_t3_part/.test(s.sql)).length, 2, 'only the explicit drops');
  });
});

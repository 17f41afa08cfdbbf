/**
 * Every op kind, run for real on a SQLite file: afterwards, introspection shows exactly the
 * schema that applyOps predicts, and no row is lost.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection } from '../../src/dialects/dialect.js';
import { sqliteDialect as d } from '../../src/dialects/sqlite/index.js';
import type { AlterColumnOp, Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { asSqliteSees, migrate, runStep, withSqliteFile } from './sqlite-test-support.js';
import { col } from '../helpers/snapshot-builders.js';


const users: TableSnapshot = {
  schema: null,
  name: 'users',
  columns: [
    col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
    col('name', { name: 'string', length: 50 }, { nullable: false }),
    col('age', { name: 'integer' }, { default: '18' }),
    col('email', { name: 'string', length: 120 }, { collation: 'NOCASE' }),
    col('score', { name: 'float' }),
  ],
  primaryKey: { name: 'pk_users', columns: ['id'] },
  foreignKeys: [],
  uniqueConstraints: [{ name: 'uq_users_name', columns: ['name'] }],
  checkConstraints: [{ name: 'ck_users_age', sql: 'age >= 0' }],
  indexes: [
    { name: 'ix_users_adult', elements: [{ column: 'age' }], unique: false, where: 'age >= 18' },
    { name: 'ix_users_lower_email', elements: [{ expression: 'lower(email)' }], unique: false, where: null },
  ],
  comment: null,
};

const posts: TableSnapshot = {
  schema: null,
  name: 'posts',
  columns: [
    col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
    col('user_id', { name: 'integer' }, { nullable: false }),
    col('parent_id'),
    col('title', { name: 'text' }),
  ],
  primaryKey: { name: null, columns: ['id'] },
  foreignKeys: [
    { name: 'fk_posts_parent', columns: ['parent_id'], referredSchema: null, referredTable: 'posts', referredColumns: ['id'], onDelete: null, onUpdate: null },
    { name: 'fk_posts_user', columns: ['user_id'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null },
  ],
  uniqueConstraints: [],
  checkConstraints: [],
  indexes: [],
  comment: null,
};

const tags: TableSnapshot = {
  ...posts,
  name: 'tags',
  columns: [col('a', { name: 'integer' }, { nullable: false }), col('b', { name: 'string', length: 10 }, { nullable: false })],
  primaryKey: null,
  foreignKeys: [],
};

async function withDatabase(body: (conn: Connection) => Promise<void>): Promise<void> {
  await withSqliteFile(async (conn) => {
    for (const table of [users, posts, tags]) await runStep(conn, d.createTableStatements(table));
    await migrate(conn, [
      { kind: 'bulkInsert', schema: null, table: 'users', rows: [1, 2, 3].map((id) => ({ id, name: `u${id}`, age: 10 * id, email: `U${id}@x`, score: id / 2 })) },
      { kind: 'bulkInsert', schema: null, table: 'posts', rows: [{ id: 1, user_id: 1, parent_id: null, title: 'a' }, { id: 2, user_id: 2, parent_id: 1, title: 'b' }] },
      { kind: 'bulkInsert', schema: null, table: 'tags', rows: [{ a: 1, b: 'x' }] },
    ]);
    await body(conn);
  });
}

/** Rows in all tables together: table names may change, the rows must stay. */
async function totalRows(conn: Connection): Promise<number> {
  const tables = (await d.introspect(conn)).tables.map((t) => t.name);
  const result = await Promise.all(tables.map((t) => conn.query(`SELECT count(*) AS n FROM ${d.quoteIdentifier(t)}`)));
  return result.reduce((sum, r) => sum + Number(r.rows[0]!['n']), 0);
}

/** Runs `ops` and checks the database against applyOps; returns the schema after. */
async function runAndCompare(conn: Connection, ops: Op[]): Promise<SchemaSnapshot> {
  const before = await d.introspect(conn);
  assert.deepEqual(before, asSqliteSees({ dialect: 'sqlite', tables: [posts, tags, users], enums: [] }), 'base schema reads back');
  const rowsBefore = await totalRows(conn);
  await runStep(conn, d.compile(ops, { before, storedObjects: await d.readStoredObjects!(conn) }));
  const actual = await d.introspect(conn);
  assert.deepEqual(actual, asSqliteSees(applyOps(before, ops, { quoteIdentifier: d.quoteIdentifier })));
  if (!ops.some((op) => op.kind === 'dropTable' || op.kind === 'bulkInsert')) assert.equal(await totalRows(conn), rowsBefore);
  return actual;
}

const on = { schema: null, table: 'users' } as const;
const alter = (column: string, changes: AlterColumnOp['changes']): AlterColumnOp => ({
  kind: 'alterColumn',
  ...on,
  column,
  changes,
  using: null,
  existing: null,
});

const cases: [string, Op[]][] = [
  ['createTable with every kind of constraint and index', [{ kind: 'createTable', table: { ...users, name: 'people', indexes: [{ ...users.indexes[0]!, name: 'ix_people_adult' }] } }]],
  ['dropTable', [{ kind: 'dropTable', schema: null, table: 'posts', existing: null }]],
  ['renameTable, followed by the foreign keys that point at it', [{ kind: 'renameTable', ...on, newName: 'order' }]],
  ['addColumn, nullable', [{ kind: 'addColumn', ...on, column: col('nick', { name: 'string', length: 20 }) }]],
  ['addColumn, NOT NULL with a constant default', [{ kind: 'addColumn', ...on, column: col('level', { name: 'integer' }, { nullable: false, default: '1' }) }]],
  ['addColumn with a CURRENT_TIMESTAMP default (a rebuild)', [{ kind: 'addColumn', ...on, column: col('seen', { name: 'dateTime', timezone: false }, { default: 'CURRENT_TIMESTAMP' }) }]],
  ['dropColumn of a free column', [{ kind: 'dropColumn', ...on, column: 'score', existing: null }]],
  ['dropColumn of an indexed, checked column (a rebuild)', [{ kind: 'dropColumn', ...on, column: 'age', existing: null }]],
  ['renameColumn into expressions, with a name that needs quotes', [{ kind: 'renameColumn', ...on, column: 'age', newName: 'Age Years' }]],
  ['renameColumn of a referenced key', [{ kind: 'renameColumn', ...on, column: 'id', newName: 'user_id' }]],
  ['alterColumn type', [alter('score', { type: { name: 'numeric', precision: 10, scale: 2 } })]],
  ['alterColumn nullability', [alter('email', { nullable: false })]],
  ['alterColumn default set and dropped', [alter('score', { default: '0.5' }), alter('age', { default: null })]],
  ['alterColumn name and type together', [alter('score', { newName: 'rating', type: { name: 'text' } })]],
  ['createIndex, expression and partial', [{ kind: 'createIndex', ...on, index: { name: 'ux_users_name_email', elements: [{ expression: 'upper(name)' }, { column: 'email', descending: true }], unique: true, where: 'email IS NOT NULL' }, concurrently: false }]],
  ['dropIndex', [{ kind: 'dropIndex', ...on, name: 'ix_users_adult', existing: null, concurrently: false }]],
  ['createUniqueConstraint', [{ kind: 'createUniqueConstraint', ...on, constraint: { name: 'uq_users_email', columns: ['email'] } }]],
  ['createCheckConstraint, unnamed', [{ kind: 'createCheckConstraint', ...on, constraint: { name: null, sql: 'score < 100' } }]],
  ['createForeignKey', [{ kind: 'createForeignKey', schema: null, table: 'tags', constraint: { name: 'fk_tags_a', columns: ['a'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'CASCADE' } }]],
  ['createPrimaryKey', [{ kind: 'createPrimaryKey', schema: null, table: 'tags', constraint: { name: 'pk_tags', columns: ['a', 'b'] } }]],
  ['dropConstraint of each type', [
    { kind: 'dropConstraint', ...on, name: 'ck_users_age', type: 'check', existing: null },
    { kind: 'dropConstraint', ...on, name: 'uq_users_name', type: 'unique', existing: null },
    { kind: 'dropConstraint', schema: null, table: 'posts', name: 'fk_posts_parent', type: 'foreignkey', existing: null },
  ]],
  ['dropConstraint of a primary key, once no foreign key needs it', [
    { kind: 'dropConstraint', schema: null, table: 'posts', name: 'fk_posts_user', type: null, existing: null },
    { kind: 'dropConstraint', ...on, name: 'pk_users', type: 'primary', existing: null },
  ]],
  ['batchAlterTable with several changes', [{ kind: 'batchAlterTable', ...on, ops: [
    { kind: 'addColumn', ...on, column: col('nick', { name: 'text' }, { default: "'none'" }) },
    alter('name', { type: { name: 'text' } }),
    { kind: 'dropColumn', ...on, column: 'email', existing: null },
    { kind: 'renameColumn', ...on, column: 'nick', newName: 'handle' },
    alter('handle', { nullable: false }),
  ] }]],
  ['setTableComment and enum ops, which SQLite does not keep', [
    { kind: 'setTableComment', ...on, comment: 'people', existing: null },
    { kind: 'createEnum', schema: null, name: 'mood', values: ['a'] },
  ]],
];

describe('SQLite ops, run for real', () => {
  for (const [name, ops] of cases) {
    test(`${name}: introspection shows what applyOps predicts`, () => withDatabase((conn) => runAndCompare(conn, ops).then(() => undefined)));
  }

  test('execute and bulkInsert change rows, not the schema', () =>
    withDatabase(async (conn) => {
      await runAndCompare(conn, [
        { kind: 'execute', sql: 'UPDATE users SET age = ? WHERE id = ?', params: [77, 1] },
        { kind: 'bulkInsert', schema: null, table: 'tags', rows: [{ a: 2, b: 'y' }, { a: 3, b: 'z' }] },
      ]);
      assert.deepEqual((await conn.query('SELECT age FROM users WHERE id = 1')).rows, [{ age: 77 }]);
      assert.deepEqual((await conn.query('SELECT count(*) AS n FROM tags')).rows, [{ n: 3 }]);
    }));

  test('a rebuild keeps the values, cast to the new type', () =>
    withDatabase(async (conn) => {
      await runAndCompare(conn, [alter('score', { type: { name: 'text' } })]);
      const result = await conn.query('SELECT score, typeof(score) AS t FROM users ORDER BY id');
      assert.deepEqual(result.rows, [{ score: '0.5', t: 'text' }, { score: '1.0', t: 'text' }, { score: '1.5', t: 'text' }]);
    }));
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MetaData,
  check,
  collectTables,
  index,
  integer,
  isMetaData,
  isTable,
  numeric,
  sql,
  string,
  table,
  tableSnapshot,
} from '../../src/schema/index.js';
import { AlembicError } from '../../src/errors.js';
import { array, jsonb } from '../../src/postgresql.js';
import { fakeDialect } from './schema-fake-dialect.js';

const dialect = fakeDialect();

describe('the model DSL', () => {
  test('a table exposes each column as a property and its definition under Symbol.for("alembic-ts.table")', () => {
    const users = table('users', { id: integer().primaryKey(), name: string(50) });
    assert.deepEqual(Object.keys(users), ['id', 'name']);
    const definition = (users as unknown as Record<symbol, { name: string }>)[Symbol.for('alembic-ts.table')];
    assert.equal(definition?.name, 'users');
    assert.ok(isTable(users));
    assert.ok(!isTable({ id: 1 }));
  });

  test('column names that are also object fields (name, schema, constructor) are just columns', () => {
    const t = table('odd', { name: string(10), schema: integer(), constructor: integer() });
    assert.deepEqual(tableSnapshot(t, dialect).columns.map((c) => c.name), ['name', 'schema', 'constructor']);
  });

  test('builders are immutable: a shared builder is not changed by modifiers', () => {
    const id = integer();
    const a = table('a', { id: id.primaryKey(), other: id });
    const [pk, other] = tableSnapshot(a, dialect).columns;
    assert.equal(pk?.nullable, false);
    assert.equal(other?.nullable, true);
    assert.ok(Object.isFrozen(id));
  });

  test('extras may be a plain array and the options may come third', () => {
    const t = table('t', { a: integer() }, [check('positive', sql`a > 0`)], { schema: 'app' });
    const s = tableSnapshot(t, dialect);
    assert.deepEqual(s.checkConstraints, [{ name: 'ck_t_positive', sql: 'a > 0' }]);
    assert.equal(s.schema, 'app');
    assert.equal(tableSnapshot(table('u', { a: integer() }, { comment: 'c' }), dialect).comment, 'c');
  });

  test('PostgreSQL types come from alembic-ts/postgresql', () => {
    const t = table('pg', { tags: array(string(20)), doc: jsonb() });
    assert.deepEqual(tableSnapshot(t, dialect).columns.map((c) => c.type), [
      { name: 'array', of: { name: 'string', length: 20 } },
      { name: 'jsonb' },
    ]);
  });

  test('bad arguments are AlembicErrors that name the culprit', () => {
    assert.throws(() => table('t', { a: 'integer' as never }), (e: unknown) => e instanceof AlembicError && /table\('t'\): column "a"/.test(e.message));
    assert.throws(() => integer().references('users'), (e: unknown) => e instanceof AlembicError && /'table.column'/.test(e.message));
    assert.throws(() => integer().references('users.id', { onDelete: 'explode' as never }), /unknown referential action "explode"/);
    assert.throws(() => numeric(undefined, 2), /numeric\(\): a scale needs a precision/);
    assert.throws(() => table('t', { a: integer() }, [], { schema: 'x', color: 'red' } as never), /table\('t'\): unknown option "color"/);
    const t = table('t', { a: integer() }, (t) => [index('ix_t').on(t.a, 'missing')]);
    assert.throws(() => tableSnapshot(t, dialect), /table "t" has no column "missing"/);
    const other = table('o', { b: integer() });
    const wrong = table('w', { a: integer() }, () => [index('ix_w').on(other.b)]);
    assert.throws(() => tableSnapshot(wrong, dialect), /column "o.b" belongs to another table/);
  });

  test('an index without a name is named by the ix convention', () => {
    const t = table('t', { a: integer(), b: integer() }, (t) => [index().on(t.b, t.a)]);
    assert.equal(tableSnapshot(t, dialect).indexes[0]?.name, 'ix_t_b');
  });

  test('an index needs columns', () => {
    const t = table('t', { a: integer() }, [index('ix_empty')]);
    assert.throws(() => tableSnapshot(t, dialect), /index\('ix_empty'\) has no columns/);
  });
});

describe('MetaData and collectTables', () => {
  test('a MetaData refuses a second table with the same name', () => {
    const md = new MetaData();
    md.table('a', { id: integer() });
    assert.throws(() => md.table('a', { id: integer() }), /table "a" is already defined in this MetaData/);
  });

  test('collectTables takes exported tables and MetaData tables, once each', () => {
    const md = new MetaData();
    const a = md.table('a', { id: integer() });
    const b = table('b', { id: integer() });
    assert.ok(isMetaData(md));
    const tables = collectTables([{ md, a, b, again: b, notATable: 42 }]);
    assert.deepEqual(tables, [a, b]);
  });

  test('two different definitions of one table name are an error naming both', () => {
    const first = table('users', { id: integer() });
    const second = table('users', { id: integer() });
    assert.throws(
      () => collectTables([{ first }, { second }], ['src/a.ts', 'src/b.ts']),
      (e: unknown) => e instanceof AlembicError && e.message === 'table "users" is defined twice: by src/a.ts export "first" and by src/b.ts export "second"',
    );
    const elsewhere = table('users', { id: integer() }, { schema: 'other' });
    assert.equal(collectTables([{ first, elsewhere }]).length, 2);
  });
});

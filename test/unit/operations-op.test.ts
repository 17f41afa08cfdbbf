import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Dialect } from '../../src/dialects/dialect.js';
import { createOperations } from '../../src/operations/operations.js';
import { AlembicError } from '../../src/errors.js';
import { integer, sql, string, table, check, text } from '../../src/schema/index.js';
import { fakeDialect } from './schema-fake-dialect.js';

// The op object only uses the dialect's name and its pure normalizers.
const dialect = fakeDialect() as unknown as Dialect;
const record = (x?: Record<string, string>) => createOperations(dialect, x === undefined ? {} : { x });

describe('the op object', () => {
  test('methods record ops in call order and run nothing', () => {
    const { op, ops } = record();
    op.createTable('books', { id: integer().primaryKey(), title: string(200).notNull() });
    op.dropTable('books');
    assert.deepEqual(ops().map((o) => o.kind), ['createTable', 'dropTable']);
    const created = ops()[0];
    assert.ok(created?.kind === 'createTable');
    assert.deepEqual(created.table.primaryKey, { name: 'pk_books', columns: ['id'] });
    assert.equal(created.table.columns[0]?.autoincrement, true);
  });

  test('op.dialect and op.x expose the dialect name and the -x arguments', () => {
    const { op } = record({ tenant: 'acme' });
    assert.equal(op.dialect, 'fake');
    assert.deepEqual(op.x, { tenant: 'acme' });
  });

  test('createTable accepts extras and options as in models, and keeps a CHECK name as written', () => {
    const { op, ops } = record();
    op.createTable('posts', { id: integer().primaryKey(), user_id: integer().references('users.id') }, (t) => [check('has_user', sql`${t.user_id === undefined ? 0 : 1} = 1`)], { schema: 'app', comment: 'Posts' });
    const created = ops()[0];
    assert.ok(created?.kind === 'createTable');
    assert.equal(created.table.schema, 'app');
    assert.equal(created.table.comment, 'Posts');
    assert.deepEqual(created.table.checkConstraints, [{ name: 'has_user', sql: '1 = 1' }]);
    assert.equal(created.table.foreignKeys[0]?.name, 'fk_posts_user_id_users');
  });

  test("addColumn records the column and its FK, UNIQUE and index as separate ops", () => {
    const { op, ops } = record();
    op.addColumn('posts', 'author_id', integer().notNull().references('users.id', { onDelete: 'cascade' }).index());
    op.addColumn('posts', 'slug', string(80).unique(), { schema: 'app' });
    assert.deepEqual(ops().map((o) => o.kind), ['addColumn', 'createForeignKey', 'createIndex', 'addColumn', 'createUniqueConstraint']);
    const [added, fk, ix, , uq] = ops();
    assert.deepEqual(added, {
      kind: 'addColumn',
      schema: null,
      table: 'posts',
      column: { name: 'author_id', type: { name: 'integer' }, nullable: false, default: null, autoincrement: false, comment: null, collation: null },
    });
    assert.ok(fk?.kind === 'createForeignKey' && fk.constraint.name === 'fk_posts_author_id_users' && fk.constraint.onDelete === 'CASCADE');
    assert.ok(ix?.kind === 'createIndex' && ix.index.name === 'ix_posts_author_id');
    assert.ok(uq?.kind === 'createUniqueConstraint' && uq.schema === 'app' && uq.constraint.name === 'uq_posts_slug');
  });

  test('alterColumn records only the given changes, and an existing column for the reverse', () => {
    const { op, ops } = record();
    op.alterColumn('users', 'name', { type: string(300), nullable: false, default: 'anon', existing: { type: string(50), nullable: true } });
    assert.deepEqual(ops()[0], {
      kind: 'alterColumn',
      schema: null,
      table: 'users',
      column: 'name',
      changes: { type: { name: 'string', length: 300 }, nullable: false, default: "'anon'" },
      using: null,
      existing: { name: 'name', type: { name: 'string', length: 50 }, nullable: true, default: "'anon'", autoincrement: false, comment: null, collation: null },
    });
    op.alterColumn('users', 'age', { default: null, newName: 'years', using: 'age::int' });
    const second = ops()[1];
    assert.ok(second?.kind === 'alterColumn');
    assert.deepEqual(second.changes, { default: null, newName: 'years' });
    assert.equal(second.existing, null);
    assert.equal(second.using, 'age::int');
  });

  test('createIndex takes names, sql expressions and options; dropIndex works without a table', () => {
    const { op, ops } = record();
    op.createIndex('ix_lower', 'users', [sql`lower(email)`, 'id'], { unique: true, where: sql`id > ${10}`, concurrently: true });
    op.dropIndex('ix_lower');
    op.dropIndex('ix_other', 'users', { schema: 'app' });
    assert.deepEqual(ops()[0], {
      kind: 'createIndex',
      schema: null,
      table: 'users',
      index: { name: 'ix_lower', elements: [{ expression: 'lower(email)' }, { column: 'id' }], unique: true, where: 'id > 10' },
      concurrently: true,
    });
    assert.deepEqual(ops()[1], { kind: 'dropIndex', schema: null, table: '', name: 'ix_lower', existing: null, concurrently: false });
    assert.deepEqual(ops()[2], { kind: 'dropIndex', schema: 'app', table: 'users', name: 'ix_other', existing: null, concurrently: false });
  });

  test('constraint methods record their constraints', () => {
    const { op, ops } = record();
    op.createUniqueConstraint('uq_users_email', 'users', ['email']);
    op.createForeignKey('fk_posts_user', 'posts', 'users', ['user_id'], ['id'], { onDelete: 'set null', sourceSchema: 'app', referentSchema: 'auth' });
    op.createCheckConstraint('ck_age', 'users', 'age >= 0');
    op.createPrimaryKey('pk_users', 'users', ['id']);
    op.dropConstraint('uq_users_email', 'users', { type: 'unique' });
    const [, fk, ck, pk, drop] = ops();
    assert.deepEqual(fk, {
      kind: 'createForeignKey',
      schema: 'app',
      table: 'posts',
      constraint: { name: 'fk_posts_user', columns: ['user_id'], referredSchema: 'auth', referredTable: 'users', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: null },
    });
    assert.deepEqual(ck, { kind: 'createCheckConstraint', schema: null, table: 'users', constraint: { name: 'ck_age', sql: 'age >= 0' } });
    assert.deepEqual(pk, { kind: 'createPrimaryKey', schema: null, table: 'users', constraint: { name: 'pk_users', columns: ['id'] } });
    assert.deepEqual(drop, { kind: 'dropConstraint', schema: null, table: 'users', name: 'uq_users_email', type: 'unique', existing: null });
  });

  test('execute keeps an sql fragment\'s values as $n parameters', () => {
    const { op, ops } = record();
    op.execute(sql`UPDATE users SET name = ${'x'} WHERE id = ${3}`);
    op.execute('DELETE FROM users');
    assert.deepEqual(ops(), [
      { kind: 'execute', sql: 'UPDATE users SET name = $1 WHERE id = $2', params: ['x', 3] },
      { kind: 'execute', sql: 'DELETE FROM users', params: [] },
    ]);
  });

  test('bulkInsert takes a table name or a model table', () => {
    const { op, ops } = record();
    const books = table('books', { id: integer().primaryKey(), title: text() }, { schema: 'lib' });
    op.bulkInsert('books', [{ id: 1, title: 'a' }]);
    op.bulkInsert(books, [{ id: 2, title: 'b' }]);
    assert.deepEqual(ops(), [
      { kind: 'bulkInsert', schema: null, table: 'books', rows: [{ id: 1, title: 'a' }] },
      { kind: 'bulkInsert', schema: 'lib', table: 'books', rows: [{ id: 2, title: 'b' }] },
    ]);
  });

  test('batchAlterTable records one op holding the table ops', () => {
    const { op, ops } = record();
    op.batchAlterTable('users', (b) => {
      b.addColumn('nick', string(20));
      b.alterColumn('name', { nullable: false });
      b.dropColumn('age');
      b.createCheckConstraint('ck_nick', sql`length(nick) > 0`);
    });
    assert.equal(ops().length, 1);
    const batch = ops()[0];
    assert.ok(batch?.kind === 'batchAlterTable');
    assert.deepEqual(batch.ops.map((o) => [o.kind, o.table]), [
      ['addColumn', 'users'],
      ['alterColumn', 'users'],
      ['dropColumn', 'users'],
      ['createCheckConstraint', 'users'],
    ]);
  });

  test('enum and comment ops', () => {
    const { op, ops } = record();
    op.createEnum('mood', ['sad', 'ok'], { schema: 'app' });
    op.addEnumValue('mood', 'happy', { after: 'ok' });
    op.renameEnumValue('mood', 'sad', 'blue');
    op.dropEnum('mood');
    op.setTableComment('users', 'People');
    assert.deepEqual(ops(), [
      { kind: 'createEnum', schema: 'app', name: 'mood', values: ['sad', 'ok'] },
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'happy', before: null, after: 'ok' },
      { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'sad', to: 'blue' },
      { kind: 'dropEnum', schema: null, name: 'mood', existingValues: null },
      { kind: 'setTableComment', schema: null, table: 'users', comment: 'People', existing: null },
    ]);
  });

  test('unknown options and bad arguments throw AlembicErrors naming the method', () => {
    const { op, ops } = record();
    const fails = (f: () => void, pattern: RegExp) =>
      assert.throws(f, (e: unknown) => e instanceof AlembicError && pattern.test(e.message));
    fails(() => op.dropTable('t', { cascade: true } as never), /^op\.dropTable\(\): unknown option "cascade"/);
    fails(() => op.createIndex('ix', 't', ['a'], { unqiue: true } as never), /^op\.createIndex\(\): unknown option "unqiue"/);
    fails(() => op.addColumn('t', 'c', 'integer' as never), /^op\.addColumn\(\): the column must be a column type/);
    fails(() => op.alterColumn('t', 'c', {}), /^op\.alterColumn\(\): nothing to change/);
    fails(() => op.createForeignKey('fk', 's', 'r', ['a', 'b'], ['id']), /^op\.createForeignKey\(\): 2 local columns but 1 remote columns/);
    fails(() => op.dropConstraint('x', 't', { type: 'fk' as never }), /^op\.dropConstraint\(\): unknown constraint type "fk"/);
    fails(() => op.addEnumValue('m', 'v', { before: 'a', after: 'b' }), /give before or after, not both/);
    fails(() => op.batchAlterTable('t', (b) => b.dropColumn('')), /^batch\.dropColumn\(\): the column name must be a non-empty string/);
    fails(() => op.batchAlterTable('t', (async () => undefined) as never), /callback must be synchronous/);
    assert.deepEqual(ops(), []);
  });
});

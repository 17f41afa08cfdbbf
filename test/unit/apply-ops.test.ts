import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlembicError } from '../../src/errors.js';
import type { Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { col } from '../helpers/snapshot-builders.js';


const users: TableSnapshot = {
  schema: null,
  name: 'users',
  columns: [col('id', { name: 'integer' }, { nullable: false, autoincrement: true }), col('email', { name: 'string', length: 100 }), col('age')],
  primaryKey: { name: 'pk_users', columns: ['id'] },
  foreignKeys: [],
  uniqueConstraints: [{ name: 'uq_users_email', columns: ['email'] }],
  checkConstraints: [{ name: 'ck_users_age', sql: 'age >= 0' }],
  indexes: [
    { name: 'ix_users_age', elements: [{ column: 'age' }], unique: false, where: null },
    { name: 'ix_users_lower', elements: [{ expression: 'lower(email)' }], unique: false, where: 'age > 18' },
  ],
  comment: null,
};

const posts: TableSnapshot = {
  schema: null,
  name: 'posts',
  columns: [col('id', { name: 'integer' }, { nullable: false }), col('user_id'), col('parent_id')],
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

const schema: SchemaSnapshot = { dialect: 'test', tables: [posts, users], enums: [] };

const table = (s: SchemaSnapshot, name: string): TableSnapshot => {
  const found = s.tables.find((t) => t.name === name);
  assert.ok(found, `table ${name}`);
  return found;
};

const on = { schema: null, table: 'users' } as const;

describe('applyOps', () => {
  test('createTable adds the table in name order; dropTable removes it', () => {
    const books: TableSnapshot = { ...posts, name: 'books', foreignKeys: [] };
    const created = applyOps(schema, [{ kind: 'createTable', table: books }]);
    assert.deepEqual(created.tables.map((t) => t.name), ['books', 'posts', 'users']);
    const dropped = applyOps(created, [{ kind: 'dropTable', schema: null, table: 'books', existing: null }]);
    assert.deepEqual(dropped, schema);
  });

  test('the input snapshot is left as it was', () => {
    const copy = structuredClone(schema);
    applyOps(schema, [{ kind: 'dropColumn', ...on, column: 'age', existing: null }]);
    assert.deepEqual(schema, copy);
  });

  test('renameTable follows into the foreign keys that point at the table', () => {
    const after = applyOps(schema, [{ kind: 'renameTable', ...on, newName: 'members' }]);
    assert.deepEqual(after.tables.map((t) => t.name), ['members', 'posts']);
    assert.equal(table(after, 'posts').foreignKeys[1]!.referredTable, 'members');
    const selfRenamed = applyOps(schema, [{ kind: 'renameTable', schema: null, table: 'posts', newName: 'articles' }]);
    assert.equal(table(selfRenamed, 'articles').foreignKeys[0]!.referredTable, 'articles');
  });

  test('addColumn appends the column', () => {
    const after = applyOps(schema, [{ kind: 'addColumn', ...on, column: col('nick', { name: 'text' }) }]);
    assert.deepEqual(table(after, 'users').columns.map((c) => c.name), ['id', 'email', 'age', 'nick']);
  });

  test('dropColumn takes the constraints and indexes that use the column along', () => {
    const noAge = table(applyOps(schema, [{ kind: 'dropColumn', ...on, column: 'age', existing: null }]), 'users');
    assert.deepEqual(noAge.columns.map((c) => c.name), ['id', 'email']);
    assert.deepEqual(noAge.checkConstraints, []);
    assert.deepEqual(noAge.indexes, []);
    assert.deepEqual(noAge.uniqueConstraints, users.uniqueConstraints);

    const noEmail = table(applyOps(schema, [{ kind: 'dropColumn', ...on, column: 'email', existing: null }]), 'users');
    assert.deepEqual(noEmail.uniqueConstraints, []);
    assert.deepEqual(noEmail.indexes.map((ix) => ix.name), ['ix_users_age']);

    const noUser = table(applyOps(schema, [{ kind: 'dropColumn', schema: null, table: 'posts', column: 'user_id', existing: null }]), 'posts');
    assert.deepEqual(noUser.foreignKeys.map((fk) => fk.name), ['fk_posts_parent']);

    const noId = table(applyOps(schema, [{ kind: 'dropColumn', ...on, column: 'id', existing: null }]), 'users');
    assert.equal(noId.primaryKey, null);
  });

  test('renameColumn follows into keys, constraints, index elements, expressions and referring foreign keys', () => {
    const after = applyOps(schema, [
      { kind: 'renameColumn', ...on, column: 'age', newName: 'years' },
      { kind: 'renameColumn', ...on, column: 'id', newName: 'user_id' },
      { kind: 'renameColumn', ...on, column: 'email', newName: 'Mail' },
    ]);
    const u = table(after, 'users');
    assert.deepEqual(u.columns.map((c) => c.name), ['user_id', 'Mail', 'years']);
    assert.deepEqual(u.primaryKey, { name: 'pk_users', columns: ['user_id'] });
    assert.deepEqual(u.uniqueConstraints, [{ name: 'uq_users_email', columns: ['Mail'] }]);
    assert.deepEqual(u.checkConstraints, [{ name: 'ck_users_age', sql: 'years >= 0' }]);
    assert.deepEqual(u.indexes, [
      { name: 'ix_users_age', elements: [{ column: 'years' }], unique: false, where: null },
      { name: 'ix_users_lower', elements: [{ expression: 'lower("Mail")' }], unique: false, where: 'years > 18' },
    ]);
    assert.deepEqual(table(after, 'posts').foreignKeys[1]!.referredColumns, ['user_id']);
  });

  test('renameColumn spells the new name with the quoting it is given', () => {
    const quoteAll = (name: string): string => `"${name}"`;
    const after = applyOps(schema, [{ kind: 'renameColumn', ...on, column: 'age', newName: 'years' }], { quoteIdentifier: quoteAll });
    assert.equal(table(after, 'users').checkConstraints[0]!.sql, '"years" >= 0');
  });

  test('alterColumn changes only the fields given, then renames', () => {
    const after = applyOps(schema, [
      {
        kind: 'alterColumn',
        ...on,
        column: 'age',
        changes: { type: { name: 'bigInteger' }, nullable: false, default: '0', newName: 'years' },
        using: null,
        existing: null,
      },
    ]);
    const years = table(after, 'users').columns[2]!;
    assert.deepEqual(years, col('years', { name: 'bigInteger' }, { nullable: false, default: '0' }));
    assert.deepEqual(table(after, 'users').indexes[0]!.elements, [{ column: 'years' }]);
    const noDefault = applyOps(after, [{ kind: 'alterColumn', ...on, column: 'years', changes: { default: null }, using: null, existing: null }]);
    assert.equal(table(noDefault, 'users').columns[2]!.default, null);
  });

  test('createIndex and dropIndex keep indexes sorted by name', () => {
    const index = { name: 'ix_a', elements: [{ column: 'email' }], unique: true, where: null };
    const after = applyOps(schema, [{ kind: 'createIndex', ...on, index, concurrently: false }]);
    assert.deepEqual(table(after, 'users').indexes.map((ix) => ix.name), ['ix_a', 'ix_users_age', 'ix_users_lower']);
    const back = applyOps(after, [{ kind: 'dropIndex', ...on, name: 'ix_a', existing: null, concurrently: false }]);
    assert.deepEqual(back, schema);
  });

  test('dropIndex without a table finds the index by name', () => {
    const after = applyOps(schema, [{ kind: 'dropIndex', schema: null, table: '', name: 'ix_users_age', existing: null, concurrently: false }]);
    assert.deepEqual(table(after, 'users').indexes.map((ix) => ix.name), ['ix_users_lower']);
  });

  test('constraints are created in name order and dropped by name and type', () => {
    const after = applyOps(schema, [
      { kind: 'createUniqueConstraint', ...on, constraint: { name: 'uq_a', columns: ['age'] } },
      { kind: 'createCheckConstraint', ...on, constraint: { name: 'ck_a', sql: 'age < 200' } },
      {
        kind: 'createForeignKey',
        ...on,
        constraint: { name: 'fk_a', columns: ['age'], referredSchema: null, referredTable: 'posts', referredColumns: ['id'], onDelete: null, onUpdate: null },
      },
    ]);
    const u = table(after, 'users');
    assert.deepEqual(u.uniqueConstraints.map((c) => c.name), ['uq_a', 'uq_users_email']);
    assert.deepEqual(u.checkConstraints.map((c) => c.name), ['ck_a', 'ck_users_age']);
    assert.deepEqual(u.foreignKeys.map((c) => c.name), ['fk_a']);
    const back = applyOps(after, [
      { kind: 'dropConstraint', ...on, name: 'uq_a', type: 'unique', existing: null },
      { kind: 'dropConstraint', ...on, name: 'ck_a', type: null, existing: null },
      { kind: 'dropConstraint', ...on, name: 'fk_a', type: 'foreignkey', existing: null },
    ]);
    assert.deepEqual(back, schema);
  });

  test('dropConstraint of a name the table does not have is an error', () => {
    assert.throws(
      () => applyOps(schema, [{ kind: 'dropConstraint', ...on, name: 'uq_users_email', type: 'check', existing: null }]),
      (e: unknown) => e instanceof AlembicError && e.code === 'E_APPLY_OP' && /no check constraint named "uq_users_email"/.test(e.message),
    );
  });

  test('createPrimaryKey makes its columns NOT NULL; dropping it leaves them so', () => {
    const bare: TableSnapshot = { ...posts, name: 'tags', primaryKey: null, foreignKeys: [], columns: [col('a'), col('b')] };
    const after = applyOps({ ...schema, tables: [bare] }, [{ kind: 'createPrimaryKey', schema: null, table: 'tags', constraint: { name: 'pk_tags', columns: ['a', 'b'] } }]);
    assert.deepEqual(table(after, 'tags').primaryKey, { name: 'pk_tags', columns: ['a', 'b'] });
    assert.deepEqual(table(after, 'tags').columns.map((c) => c.nullable), [false, false]);
    const dropped = applyOps(after, [{ kind: 'dropConstraint', schema: null, table: 'tags', name: 'pk_tags', type: 'primary', existing: null }]);
    assert.equal(table(dropped, 'tags').primaryKey, null);
    assert.throws(() => applyOps(after, [{ kind: 'createPrimaryKey', schema: null, table: 'tags', constraint: { name: null, columns: ['a'] } }]), AlembicError);
  });

  test('setTableComment sets the comment', () => {
    const after = applyOps(schema, [{ kind: 'setTableComment', ...on, comment: 'people', existing: null }]);
    assert.equal(table(after, 'users').comment, 'people');
  });

  test('execute and bulkInsert leave the schema as it is', () => {
    const ops: Op[] = [
      { kind: 'execute', sql: 'UPDATE users SET age = 1', params: [] },
      { kind: 'bulkInsert', ...on, rows: [{ id: 1 }] },
    ];
    assert.deepEqual(applyOps(schema, ops), schema);
  });

  test('batchAlterTable applies its ops in order', () => {
    const after = applyOps(schema, [
      {
        kind: 'batchAlterTable',
        ...on,
        ops: [
          { kind: 'addColumn', ...on, column: col('nick') },
          { kind: 'renameColumn', ...on, column: 'nick', newName: 'handle' },
        ],
      },
    ]);
    assert.equal(table(after, 'users').columns[3]!.name, 'handle');
  });

  test('enum ops change the enum and every column typed with it', () => {
    const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['sad', 'happy'] };
    const withEnum: SchemaSnapshot = {
      ...schema,
      tables: [{ ...users, columns: [...users.columns, col('mood', mood), col('moods', { name: 'array', of: mood })] }],
    };
    const after = applyOps(withEnum, [
      { kind: 'createEnum', schema: null, name: 'mood', values: ['sad', 'happy'] },
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'ok', before: 'happy', after: null },
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'great', before: null, after: 'happy' },
      { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'sad', to: 'blue' },
    ]);
    const values = ['blue', 'ok', 'happy', 'great'];
    assert.deepEqual(after.enums, [{ schema: null, name: 'mood', values }]);
    assert.deepEqual(table(after, 'users').columns[3]!.type, { ...mood, values });
    assert.deepEqual(table(after, 'users').columns[4]!.type, { name: 'array', of: { ...mood, values } });
    const dropped = applyOps(after, [{ kind: 'dropEnum', schema: null, name: 'mood', existingValues: null }]);
    assert.deepEqual(dropped.enums, []);
  });

  test('an op on a missing table or column is an error naming it', () => {
    assert.throws(
      () => applyOps(schema, [{ kind: 'addColumn', schema: null, table: 'nope', column: col('x') }]),
      /cannot apply addColumn: table "nope" does not exist/,
    );
    assert.throws(() => applyOps(schema, [{ kind: 'dropColumn', ...on, column: 'nope', existing: null }]), /has no column "nope"/);
    assert.throws(() => applyOps(schema, [{ kind: 'addColumn', ...on, column: col('age') }]), /already has a column "age"/);
    assert.throws(() => applyOps(schema, [{ kind: 'renameTable', ...on, newName: 'posts' }]), /table "posts" already exists/);
  });

  test('skipUnknownTables leaves ops on unknown tables out', () => {
    const ops: Op[] = [
      { kind: 'addColumn', schema: null, table: 'made_by_execute', column: col('x') },
      { kind: 'dropTable', schema: null, table: 'made_by_execute', existing: null },
    ];
    assert.deepEqual(applyOps(schema, ops, { skipUnknownTables: true }), schema);
  });
});

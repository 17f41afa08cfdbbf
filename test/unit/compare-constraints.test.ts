import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { col, compare, idTable, kinds, snap, tbl, varchar } from '../helpers/snapshot-builders.js';

const columns = [col('a', varchar()), col('b', varchar())];
const withT = (rest: Partial<TableSnapshot>): TableSnapshot => idTable('t', columns, rest);
const diff = (after: Partial<TableSnapshot>, before: Partial<TableSnapshot>) =>
  compare(snap([withT(after)]), snap([withT(before)]));
const ix = (name: string, rest: Partial<IndexSnapshot> = {}): IndexSnapshot => ({
  name,
  elements: [{ column: 'a' }],
  unique: false,
  where: null,
  ...rest,
});
const fk = (rest: Partial<ForeignKeySnapshot> = {}): ForeignKeySnapshot => ({
  name: 'fk_t_a_p',
  columns: ['a'],
  referredSchema: null,
  referredTable: 'p',
  referredColumns: ['id'],
  onDelete: null,
  onUpdate: null,
  ...rest,
});
const withParent = async (after: Partial<TableSnapshot>, before: Partial<TableSnapshot>) =>
  compare(snap([idTable('p'), withT(after)]), snap([idTable('p'), withT(before)]));

describe('compare: primary keys', () => {
  test('a new primary key is created', async () => {
    const result = await compare(
      snap([tbl('t', columns, { primaryKey: { name: 'pk_t', columns: ['a'] } })]),
      snap([tbl('t', columns)]),
    );
    assert.deepEqual(result.ops, [
      { kind: 'createPrimaryKey', schema: null, table: 't', constraint: { name: 'pk_t', columns: ['a'] } },
    ]);
  });

  test('a primary key on other columns is dropped and created', async () => {
    const result = await compare(
      snap([tbl('t', columns, { primaryKey: { name: 'pk_t', columns: ['a', 'b'] } })]),
      snap([tbl('t', columns, { primaryKey: { name: 'pk_t', columns: ['a'] } })]),
    );
    assert.deepEqual(kinds(result), ['dropConstraint', 'createPrimaryKey']);
    assert.deepEqual(result.ops[0], {
      kind: 'dropConstraint',
      schema: null,
      table: 't',
      name: 'pk_t',
      type: 'primary',
      existing: { type: 'primary', constraint: { name: 'pk_t', columns: ['a'] } },
    });
  });

  test('a primary key name is not compared when the database does not keep it', async () => {
    const result = await compare(
      snap([tbl('t', columns, { primaryKey: { name: 'pk_t', columns: ['a'] } })]),
      snap([tbl('t', columns, { primaryKey: { name: null, columns: ['a'] } })]),
    );
    assert.deepEqual(result.ops, []);
  });

  test('a renamed primary key is dropped and created', async () => {
    const result = await compare(
      snap([tbl('t', columns, { primaryKey: { name: 'pk_t', columns: ['a'] } })]),
      snap([tbl('t', columns, { primaryKey: { name: 't_pkey', columns: ['a'] } })]),
    );
    assert.deepEqual(kinds(result), ['dropConstraint', 'createPrimaryKey']);
  });
});

describe('compare: unique and CHECK constraints', () => {
  test('unique constraints added and removed', async () => {
    const added = await diff({ uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] }, {});
    assert.deepEqual(added.ops, [
      { kind: 'createUniqueConstraint', schema: null, table: 't', constraint: { name: 'uq_t_a', columns: ['a'] } },
    ]);
    const removed = await diff({}, { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] });
    assert.deepEqual(kinds(removed), ['dropConstraint']);
  });

  test('a unique constraint on other columns is dropped and created', async () => {
    const result = await diff(
      { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a', 'b'] }] },
      { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] },
    );
    assert.deepEqual(kinds(result), ['dropConstraint', 'createUniqueConstraint']);
  });

  test('an unnamed database constraint matches a named model one by its columns', async () => {
    const result = await diff(
      { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] },
      { uniqueConstraints: [{ name: null, columns: ['a'] }] },
    );
    assert.deepEqual(result.ops, []);
  });

  test('CHECK constraints are compared by expression', async () => {
    const same = await diff(
      { checkConstraints: [{ name: 'ck_t_a', sql: 'length(a) > 0' }] },
      { checkConstraints: [{ name: 'ck_t_a', sql: 'length(a) > 0' }] },
    );
    assert.deepEqual(same.ops, []);
    const changed = await diff(
      { checkConstraints: [{ name: 'ck_t_a', sql: 'length(a) > 1' }] },
      { checkConstraints: [{ name: 'ck_t_a', sql: 'length(a) > 0' }] },
    );
    assert.deepEqual(kinds(changed), ['dropConstraint', 'createCheckConstraint']);
  });
});

describe('compare: indexes', () => {
  test('indexes added and removed', async () => {
    const added = await diff({ indexes: [ix('ix_t_a')] }, {});
    assert.deepEqual(added.ops, [
      { kind: 'createIndex', schema: null, table: 't', index: ix('ix_t_a'), concurrently: false },
    ]);
    const removed = await diff({}, { indexes: [ix('ix_t_a')] });
    assert.deepEqual(removed.ops, [
      { kind: 'dropIndex', schema: null, table: 't', name: 'ix_t_a', existing: ix('ix_t_a'), concurrently: false },
    ]);
  });

  test('an index that changed columns, order, uniqueness, expression or WHERE is dropped and created', async () => {
    const variants: Partial<IndexSnapshot>[] = [
      { elements: [{ column: 'b' }] },
      { elements: [{ column: 'a' }, { column: 'b' }] },
      { elements: [{ column: 'a', descending: true }] },
      { unique: true },
      { where: 'a IS NOT NULL' },
      { elements: [{ expression: 'lower(a)' }] },
    ];
    for (const variant of variants) {
      const result = await diff({ indexes: [ix('ix_t_a', variant)] }, { indexes: [ix('ix_t_a')] });
      assert.deepEqual(kinds(result), ['dropIndex', 'createIndex'], JSON.stringify(variant));
    }
  });

  test('an ascending column reads the same with or without the descending flag', async () => {
    const result = await diff(
      { indexes: [ix('ix_t_a', { elements: [{ column: 'a', descending: false }] })] },
      { indexes: [ix('ix_t_a')] },
    );
    assert.deepEqual(result.ops, []);
  });
});

describe('compare: foreign keys', () => {
  test('a foreign key added and removed', async () => {
    const added = await withParent({ foreignKeys: [fk()] }, {});
    assert.deepEqual(added.ops, [{ kind: 'createForeignKey', schema: null, table: 't', constraint: fk() }]);
    const removed = await withParent({}, { foreignKeys: [fk()] });
    assert.deepEqual(removed.ops, [
      {
        kind: 'dropConstraint',
        schema: null,
        table: 't',
        name: 'fk_t_a_p',
        type: 'foreignkey',
        existing: { type: 'foreignkey', constraint: fk() },
      },
    ]);
  });

  test('a foreign key with other columns, target or actions is dropped and created', async () => {
    for (const variant of [{ columns: ['b'] }, { referredTable: 't' }, { onDelete: 'CASCADE' as const }, { onUpdate: 'SET NULL' as const }]) {
      const result = await withParent({ foreignKeys: [fk(variant)] }, { foreignKeys: [fk()] });
      assert.deepEqual(kinds(result), ['dropConstraint', 'createForeignKey'], JSON.stringify(variant));
    }
  });

  test('NO ACTION and no action given are the same', async () => {
    const result = await withParent({ foreignKeys: [fk({ onDelete: 'NO ACTION' })] }, { foreignKeys: [fk()] });
    assert.deepEqual(result.ops, []);
  });

  test('an unnamed database foreign key matches the named model one by its columns and target', async () => {
    const result = await withParent({ foreignKeys: [fk()] }, { foreignKeys: [fk({ name: null })] });
    assert.deepEqual(result.ops, []);
  });
});

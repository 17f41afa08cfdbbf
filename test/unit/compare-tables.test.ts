import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ForeignKeySnapshot } from '../../src/snapshot/types.js';
import { col, compare, idTable, kinds, snap, tbl, varchar } from '../helpers/snapshot-builders.js';

const fkTo = (table: string, column: string, rest: Partial<ForeignKeySnapshot> = {}): ForeignKeySnapshot => ({
  name: `fk_${column}_${table}`,
  columns: [column],
  referredSchema: null,
  referredTable: table,
  referredColumns: ['id'],
  onDelete: null,
  onUpdate: null,
  ...rest,
});

describe('compare: tables', () => {
  test('identical snapshots give no ops', async () => {
    const s = snap([idTable('users', [col('name', varchar())])]);
    assert.deepEqual((await compare(s, s)).ops, []);
  });

  test('a table only in the models is created whole, its indexes included', async () => {
    const users = idTable('users', [col('email', varchar())], {
      indexes: [{ name: 'ix_users_email', elements: [{ column: 'email' }], unique: true, where: null }],
    });
    const result = await compare(snap([users]), snap([]));
    assert.deepEqual(result.ops, [{ kind: 'createTable', table: users }]);
  });

  test('a table only in the database is dropped with its definition kept for the downgrade', async () => {
    const old = idTable('old', [col('x')]);
    const result = await compare(snap([]), snap([old]));
    assert.deepEqual(result.ops, [{ kind: 'dropTable', schema: null, table: 'old', existing: old }]);
  });

  test('new tables are created parents first, whatever their names', async () => {
    const a = idTable('a_child', [col('p_id')], { foreignKeys: [fkTo('z_parent', 'p_id')] });
    const z = idTable('z_parent');
    const result = await compare(snap([a, z]), snap([]));
    assert.deepEqual(
      result.ops.map((op) => (op.kind === 'createTable' ? op.table.name : op.kind)),
      ['z_parent', 'a_child'],
    );
  });

  test('removed tables are dropped children first', async () => {
    const a = idTable('a_child', [col('p_id')], { foreignKeys: [fkTo('z_parent', 'p_id')] });
    const z = idTable('z_parent');
    const result = await compare(snap([]), snap([a, z]));
    assert.deepEqual(
      result.ops.map((op) => (op.kind === 'dropTable' ? op.table : op.kind)),
      ['a_child', 'z_parent'],
    );
  });

  test('a foreign key pointing at a dropped table is dropped before the table', async () => {
    const parent = idTable('parent');
    const before = idTable('child', [col('parent_id')], { foreignKeys: [fkTo('parent', 'parent_id')] });
    const after = idTable('child', [col('parent_id')]);
    const result = await compare(snap([after]), snap([before, parent]));
    assert.deepEqual(kinds(result), ['dropConstraint', 'dropTable']);
    assert.equal(result.ops[0]?.kind === 'dropConstraint' && result.ops[0].type, 'foreignkey');
  });

  test('a foreign key to a new table is created after that table', async () => {
    const before = idTable('child', [col('parent_id')]);
    const after = idTable('child', [col('parent_id')], { foreignKeys: [fkTo('parent', 'parent_id')] });
    const result = await compare(snap([after, idTable('parent')]), snap([before]));
    assert.deepEqual(kinds(result), ['createTable', 'createForeignKey']);
  });

  test('new tables in a cycle: where ALTER can add keys, the forward key is added after both tables', async () => {
    const a = idTable('a', [col('b_id')], { foreignKeys: [fkTo('b', 'b_id')] });
    const b = idTable('b', [col('a_id')], { foreignKeys: [fkTo('a', 'a_id')] });
    const alter = await compare(snap([a, b]), snap([]), { capabilities: { comments: true, alterColumn: true } });
    assert.deepEqual(alter.ops, [
      { kind: 'createTable', table: { ...b, foreignKeys: [] } },
      { kind: 'createTable', table: a },
      { kind: 'createForeignKey', schema: null, table: 'b', constraint: fkTo('a', 'a_id') },
    ]);
    // SQLite does not check the referred table at CREATE TABLE: the keys stay inline.
    const inline = await compare(snap([a, b]), snap([]), { capabilities: { comments: true, alterColumn: false } });
    assert.deepEqual(kinds(inline), ['createTable', 'createTable']);
  });

  test('a cycle across schemas: a null referredSchema is the default schema, not the table\'s', async () => {
    const b = idTable('b', [col('c_id')], { schema: 'other', foreignKeys: [fkTo('c', 'c_id')] });
    const c = idTable('c', [col('b_id')], { foreignKeys: [fkTo('b', 'b_id', { referredSchema: 'other' })] });
    const result = await compare(snap([b, c]), snap([]), { capabilities: { comments: true, alterColumn: true } });
    assert.deepEqual(result.ops, [
      { kind: 'createTable', table: { ...b, foreignKeys: [] } },
      { kind: 'createTable', table: c },
      { kind: 'createForeignKey', schema: 'other', table: 'b', constraint: fkTo('c', 'c_id') },
    ]);
  });

  test('a key moved from the default schema\'s table to a same-named one in the table\'s schema is recreated', async () => {
    const before = idTable('b', [col('c_id')], { schema: 'other', foreignKeys: [fkTo('c', 'c_id')] });
    const after = idTable('b', [col('c_id')], { schema: 'other', foreignKeys: [fkTo('c', 'c_id', { referredSchema: 'other' })] });
    const c = idTable('c');
    const otherC = idTable('c', [], { schema: 'other' });
    const result = await compare(snap([after, c, otherC]), snap([before, c, otherC]));
    assert.deepEqual(kinds(result), ['dropConstraint', 'createForeignKey']);
  });

  test('dropped tables in a cycle: the forward key goes first, and the downgrade adds it back last', async () => {
    const a = idTable('a', [col('b_id')], { foreignKeys: [fkTo('b', 'b_id')] });
    const b = idTable('b', [col('a_id')], { foreignKeys: [fkTo('a', 'a_id')] });
    const result = await compare(snap([]), snap([a, b]), { capabilities: { comments: true, alterColumn: true } });
    assert.deepEqual(result.ops, [
      { kind: 'dropConstraint', schema: null, table: 'b', name: 'fk_a_id_a', type: 'foreignkey', existing: { type: 'foreignkey', constraint: fkTo('a', 'a_id') } },
      { kind: 'dropTable', schema: null, table: 'a', existing: a },
      { kind: 'dropTable', schema: null, table: 'b', existing: { ...b, foreignKeys: [] } },
    ]);
  });

  test('tables with the same name in different schemas are different tables', async () => {
    const inApp = { ...idTable('users'), schema: 'app' };
    const result = await compare(snap([inApp]), snap([idTable('users')]));
    assert.deepEqual(kinds(result), ['dropTable', 'createTable']);
  });

  test('table comments are compared when the dialect stores comments', async () => {
    const result = await compare(snap([idTable('t', [], { comment: 'people' })]), snap([idTable('t')]));
    assert.deepEqual(result.ops, [{ kind: 'setTableComment', schema: null, table: 't', comment: 'people', existing: null }]);
  });

  test('table comments are ignored when the dialect stores none', async () => {
    const result = await compare(snap([idTable('t', [], { comment: 'people' })]), snap([idTable('t')]), {
      capabilities: { comments: false },
    });
    assert.deepEqual(result.ops, []);
  });

  test('per table, changes come as: drop indexes and constraints, add, alter, drop columns, create constraints and indexes', async () => {
    const before = idTable('t', [col('gone'), col('kept', varchar(10))], {
      indexes: [{ name: 'ix_t_gone', elements: [{ column: 'gone' }], unique: false, where: null }],
    });
    const after = idTable('t', [col('kept', varchar(20)), col('added')], {
      indexes: [{ name: 'ix_t_added', elements: [{ column: 'added' }], unique: false, where: null }],
      uniqueConstraints: [{ name: 'uq_t_kept', columns: ['kept'] }],
    });
    const result = await compare(snap([after]), snap([before]));
    assert.deepEqual(kinds(result), [
      'dropIndex',
      'addColumn',
      'alterColumn',
      'dropColumn',
      'createUniqueConstraint',
      'createIndex',
    ]);
  });

  test('the same inputs in any order give the same ops, byte for byte', async () => {
    const tables = [
      idTable('b', [col('x')], { comment: 'b' }),
      idTable('a', [col('y', varchar())], { indexes: [{ name: 'ix_a_y', elements: [{ column: 'y' }], unique: false, where: null }] }),
      idTable('c', [col('a_id')], { foreignKeys: [fkTo('a', 'a_id')] }),
    ];
    const current = snap([tbl('zz', [col('q')]), idTable('b')]);
    const first = await compare(snap(tables), current);
    const again = await compare(snap([...tables].reverse()), { ...current, tables: [...current.tables].reverse() });
    assert.equal(JSON.stringify(again), JSON.stringify(first));
  });

  test('a database snapshot with lists out of name order compares as the sorted one', async () => {
    const index = (name: string, column: string) => ({ name, elements: [{ column }], unique: false, where: null });
    const unique = (name: string, column: string) => ({ name, columns: [column] });
    const columns = [col('a'), col('b'), col('c')];
    const target = snap([idTable('t', columns, { indexes: [index('ix_a', 'a'), index('ix_c', 'c')], uniqueConstraints: [unique('uq_a', 'a')] })]);
    const lists = (order: 'sorted' | 'reversed') => {
      const indexes = [index('ix_a', 'a'), index('ix_b', 'b')];
      const uniques = [unique('uq_b', 'b'), unique('uq_c', 'c')];
      return order === 'sorted' ? { indexes, uniqueConstraints: uniques } : { indexes: indexes.reverse(), uniqueConstraints: uniques.reverse() };
    };
    const sorted = await compare(target, snap([idTable('t', columns, lists('sorted'))]));
    const reversed = await compare(target, snap([idTable('t', columns, lists('reversed'))]));
    assert.deepEqual(kinds(sorted), ['dropIndex', 'dropConstraint', 'dropConstraint', 'createUniqueConstraint', 'createIndex']);
    assert.equal(JSON.stringify(reversed), JSON.stringify(sorted));
  });

  test('among many equal tables the one that differs is still compared, in both passes', async () => {
    const tables = Array.from({ length: 50 }, (_, i) => idTable(`t${String(i).padStart(2, '0')}`, [col('name', varchar())]));
    const changed = tables.map((t) => (t.name === 't25' ? { ...t, columns: [...t.columns, col('extra')] } : t));
    const fk = fkTo('t00', 'id');
    const withKey = changed.map((t) => (t.name === 't40' ? { ...t, foreignKeys: [fk] } : t));
    const result = await compare(snap(withKey), snap(tables));
    assert.deepEqual(kinds(result), ['addColumn', 'createForeignKey']);
  });
});

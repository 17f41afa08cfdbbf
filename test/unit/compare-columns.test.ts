import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AlterColumnOp } from '../../src/operations/ops.js';
import type { ColumnSnapshot } from '../../src/snapshot/types.js';
import { col, compare, idTable, kinds, snap, varchar } from '../helpers/snapshot-builders.js';

/** The one alterColumn compare makes for a column that went from `before` to `after`. */
async function alter(before: ColumnSnapshot, after: ColumnSnapshot, options = {}): Promise<AlterColumnOp | undefined> {
  const result = await compare(snap([idTable('t', [after])]), snap([idTable('t', [before])]), options);
  assert.ok(result.ops.length <= 1, `expected at most one op, got ${kinds(result).join(', ')}`);
  const op = result.ops[0];
  if (op === undefined) return undefined;
  assert.equal(op.kind, 'alterColumn');
  return op as AlterColumnOp;
}

describe('compare: columns', () => {
  test('a column only in the models is added', async () => {
    const age = col('age', { name: 'integer' }, { default: '18' });
    const result = await compare(snap([idTable('t', [age])]), snap([idTable('t')]));
    assert.deepEqual(result.ops, [{ kind: 'addColumn', schema: null, table: 't', column: age }]);
  });

  test('a column only in the database is dropped with its definition', async () => {
    const age = col('age');
    const result = await compare(snap([idTable('t')]), snap([idTable('t', [age])]));
    assert.deepEqual(result.ops, [{ kind: 'dropColumn', schema: null, table: 't', column: 'age', existing: age }]);
  });

  test('a type change is an alterColumn that carries the column as it was', async () => {
    const before = col('name', varchar(50));
    const op = await alter(before, col('name', varchar(100)));
    assert.deepEqual(op, {
      kind: 'alterColumn',
      schema: null,
      table: 't',
      column: 'name',
      changes: { type: varchar(100) },
      using: null,
      existing: before,
    });
  });

  test('type changes are ignored when compareType is off', async () => {
    assert.equal(await alter(col('n', varchar(50)), col('n', varchar(100)), { compareType: false }), undefined);
  });

  test('nullability changes', async () => {
    assert.deepEqual((await alter(col('n'), col('n', undefined, { nullable: false })))?.changes, { nullable: false });
  });

  test('server default changes, set and dropped', async () => {
    assert.deepEqual((await alter(col('n'), col('n', undefined, { default: '0' })))?.changes, { default: '0' });
    assert.deepEqual((await alter(col('n', undefined, { default: '0' }), col('n')))?.changes, { default: null });
  });

  test("defaults whose texts differ are the same when the dialect's sameDefault says so, and only then", async () => {
    const sameDefault = (model: string, database: string): boolean => model.replace(/^'(.*)'$/, '$1') === database.replace(/^'(.*)'$/, '$1');
    assert.equal(await alter(col('n', undefined, { default: "'0'" }), col('n', undefined, { default: '0' }), { sameDefault }), undefined);
    assert.deepEqual((await alter(col('n', undefined, { default: "'1'" }), col('n', undefined, { default: '0' }), { sameDefault }))?.changes, { default: '0' });
    assert.deepEqual((await alter(col('n'), col('n', undefined, { default: '0' }), { sameDefault }))?.changes, { default: '0' });
    assert.deepEqual((await alter(col('n', undefined, { default: "'0'" }), col('n', undefined, { default: '0' })))?.changes, { default: '0' });
  });

  test('server defaults are ignored when compareServerDefault is off', async () => {
    const op = await alter(col('n'), col('n', undefined, { default: '0' }), { compareServerDefault: false });
    assert.equal(op, undefined);
  });

  test('autoincrement changes', async () => {
    assert.deepEqual((await alter(col('n'), col('n', undefined, { autoincrement: true })))?.changes, { autoincrement: true });
  });

  test('column comments are compared only when the dialect stores comments', async () => {
    const before = col('n');
    const after = col('n', undefined, { comment: 'a number' });
    assert.deepEqual((await alter(before, after))?.changes, { comment: 'a number' });
    assert.equal(await alter(before, after, { capabilities: { comments: false } }), undefined);
  });

  test('several changed attributes make one alterColumn', async () => {
    const op = await alter(col('n', varchar(10)), col('n', { name: 'text' }, { nullable: false, default: "'x'::text" }));
    assert.deepEqual(op?.changes, { type: { name: 'text' }, nullable: false, default: "'x'::text" });
  });

  test('collation is not compared, as in Alembic', async () => {
    assert.equal(await alter(col('n', varchar()), col('n', varchar(), { collation: 'C' })), undefined);
  });

  test('an enum column keeps its type when only the enum values changed', async () => {
    const before = col('m', { name: 'enum', enumName: 'mood', values: ['a'] });
    const after = col('m', { name: 'enum', enumName: 'mood', values: ['a', 'b'] });
    const result = await compare(
      snap([idTable('t', [after])], [{ schema: null, name: 'mood', values: ['a', 'b'] }]),
      snap([idTable('t', [before])], [{ schema: null, name: 'mood', values: ['a'] }]),
    );
    assert.deepEqual(kinds(result), ['addEnumValue']);
  });
});

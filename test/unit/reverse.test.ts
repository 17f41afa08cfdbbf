import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Op } from '../../src/operations/ops.js';
import {
  IrreversibleOperationError,
  isIrreversible,
  reverseOp,
  reverseOps,
  reverseOpsPartially,
} from '../../src/operations/reverse.js';
import { col, idTable, varchar } from '../helpers/snapshot-builders.js';

const at = { schema: 'app', table: 'users' };
const users = { ...idTable('users', [col('name', varchar())]), schema: 'app' };
const name = col('name', varchar(50), { nullable: false, default: "'x'::character varying" });
const index = { name: 'ix_users_name', elements: [{ column: 'name' }], unique: false, where: null };
const fk = {
  name: 'fk_users_org',
  columns: ['org_id'],
  referredSchema: null,
  referredTable: 'orgs',
  referredColumns: ['id'],
  onDelete: 'CASCADE' as const,
  onUpdate: null,
};

/** Pairs that reverse each other, both ways. */
const pairs: [string, Op, Op][] = [
  ['createTable / dropTable', { kind: 'createTable', table: users }, { kind: 'dropTable', ...at, existing: users }],
  ['renameTable', { kind: 'renameTable', ...at, newName: 'people' }, { kind: 'renameTable', schema: 'app', table: 'people', newName: 'users' }],
  ['addColumn / dropColumn', { kind: 'addColumn', ...at, column: name }, { kind: 'dropColumn', ...at, column: 'name', existing: name }],
  ['renameColumn', { kind: 'renameColumn', ...at, column: 'name', newName: 'n' }, { kind: 'renameColumn', ...at, column: 'n', newName: 'name' }],
  [
    'createIndex / dropIndex',
    { kind: 'createIndex', ...at, index, concurrently: true },
    { kind: 'dropIndex', ...at, name: 'ix_users_name', existing: index, concurrently: true },
  ],
  [
    'createUniqueConstraint / dropConstraint',
    { kind: 'createUniqueConstraint', ...at, constraint: { name: 'uq_n', columns: ['name'] } },
    { kind: 'dropConstraint', ...at, name: 'uq_n', type: 'unique', existing: { type: 'unique', constraint: { name: 'uq_n', columns: ['name'] } } },
  ],
  [
    'createForeignKey / dropConstraint',
    { kind: 'createForeignKey', ...at, constraint: fk },
    { kind: 'dropConstraint', ...at, name: 'fk_users_org', type: 'foreignkey', existing: { type: 'foreignkey', constraint: fk } },
  ],
  [
    'createCheckConstraint / dropConstraint',
    { kind: 'createCheckConstraint', ...at, constraint: { name: 'ck_n', sql: 'n > 0' } },
    { kind: 'dropConstraint', ...at, name: 'ck_n', type: 'check', existing: { type: 'check', constraint: { name: 'ck_n', sql: 'n > 0' } } },
  ],
  [
    'createPrimaryKey / dropConstraint',
    { kind: 'createPrimaryKey', ...at, constraint: { name: 'pk_users', columns: ['id'] } },
    { kind: 'dropConstraint', ...at, name: 'pk_users', type: 'primary', existing: { type: 'primary', constraint: { name: 'pk_users', columns: ['id'] } } },
  ],
  [
    'setTableComment',
    { kind: 'setTableComment', ...at, comment: 'new', existing: 'old' },
    { kind: 'setTableComment', ...at, comment: 'old', existing: 'new' },
  ],
  [
    'createEnum / dropEnum',
    { kind: 'createEnum', schema: null, name: 'mood', values: ['a', 'b'] },
    { kind: 'dropEnum', schema: null, name: 'mood', existingValues: ['a', 'b'] },
  ],
  [
    'renameEnumValue',
    { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'a', to: 'z' },
    { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'z', to: 'a' },
  ],
];

describe('reverseOp', () => {
  for (const [title, op, reverse] of pairs) {
    test(`${title} reverse each other`, () => {
      assert.deepEqual(reverseOp(op), reverse);
      assert.deepEqual(reverseOp(reverse), op);
    });
  }

  test('an unnamed constraint is dropped by its definition', () => {
    const reversed = reverseOp({ kind: 'createUniqueConstraint', ...at, constraint: { name: null, columns: ['name'] } });
    assert.deepEqual(reversed, {
      kind: 'dropConstraint',
      ...at,
      name: '',
      type: 'unique',
      existing: { type: 'unique', constraint: { name: null, columns: ['name'] } },
    });
  });

  test('alterColumn reverses each changed attribute to its existing value, and the new state becomes existing', () => {
    const op: Op = {
      kind: 'alterColumn',
      ...at,
      column: 'name',
      changes: { type: varchar(100), nullable: true, default: null, comment: 'c', autoincrement: true, newName: 'full' },
      using: 'name::varchar(100)',
      existing: name,
    };
    assert.deepEqual(reverseOp(op), {
      kind: 'alterColumn',
      ...at,
      column: 'full',
      changes: { type: varchar(50), nullable: false, default: "'x'::character varying", comment: null, autoincrement: false, newName: 'name' },
      using: null,
      existing: { name: 'full', type: varchar(100), nullable: true, default: null, autoincrement: true, comment: 'c', collation: null },
    });
  });

  test('alterColumn leaves attributes it did not change alone', () => {
    const reversed = reverseOp({ kind: 'alterColumn', ...at, column: 'name', changes: { nullable: true }, using: null, existing: name });
    assert.equal(isIrreversible(reversed), false);
    assert.deepEqual(reversed.kind === 'alterColumn' && reversed.changes, { nullable: false });
  });

  test('a drop without the definition it removed cannot be reversed, and says why', () => {
    const drops: Op[] = [
      { kind: 'dropTable', ...at, existing: null },
      { kind: 'dropColumn', ...at, column: 'name', existing: null },
      { kind: 'dropIndex', ...at, name: 'ix', existing: null, concurrently: false },
      { kind: 'dropConstraint', ...at, name: 'fk', type: 'foreignkey', existing: null },
      { kind: 'dropEnum', schema: null, name: 'mood', existingValues: null },
      { kind: 'alterColumn', ...at, column: 'name', changes: { nullable: true }, using: null, existing: null },
    ];
    for (const op of drops) {
      const reversed = reverseOp(op);
      assert.ok(isIrreversible(reversed), op.kind);
      assert.match(reversed.reason, /existing/);
    }
  });

  test('raw SQL, inserted rows and added enum values are irreversible with a reason', () => {
    const ops: Op[] = [
      { kind: 'execute', sql: 'SELECT 1', params: [] },
      { kind: 'bulkInsert', ...at, rows: [{ id: 1 }] },
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'c', before: null, after: null },
    ];
    for (const op of ops) {
      const reversed = reverseOp(op);
      assert.ok(isIrreversible(reversed) && reversed.reason.length > 0, op.kind);
    }
  });

  test('batchAlterTable reverses each inner op, in reverse order', () => {
    const op: Op = {
      kind: 'batchAlterTable',
      ...at,
      ops: [
        { kind: 'addColumn', ...at, column: name },
        { kind: 'createIndex', ...at, index, concurrently: false },
      ],
    };
    assert.deepEqual(reverseOp(op), {
      kind: 'batchAlterTable',
      ...at,
      ops: [
        { kind: 'dropIndex', ...at, name: 'ix_users_name', existing: index, concurrently: false },
        { kind: 'dropColumn', ...at, column: 'name', existing: name },
      ],
    });
  });

  test('a batch with an irreversible inner op is irreversible', () => {
    const op: Op = { kind: 'batchAlterTable', ...at, ops: [{ kind: 'dropColumn', ...at, column: 'x', existing: null }] };
    assert.ok(isIrreversible(reverseOp(op)));
  });
});

describe('reverseOps', () => {
  const create: Op = { kind: 'createTable', table: users };
  const add: Op = { kind: 'addColumn', ...at, column: name };

  test('reverses each op, last first', () => {
    assert.deepEqual(
      reverseOps([create, add]).map((op) => op.kind),
      ['dropColumn', 'dropTable'],
    );
  });

  test('throws naming every op without a reverse', () => {
    const sqlOp: Op = { kind: 'execute', sql: 'SELECT 1', params: [] };
    assert.throws(
      () => reverseOps([create, sqlOp]),
      (error: unknown) =>
        error instanceof IrreversibleOperationError &&
        error.code === 'E_IRREVERSIBLE' &&
        error.irreversible.length === 1 &&
        /execute: raw SQL/.test(error.message),
    );
  });

  test('reverseOpsPartially keeps the gaps in place', () => {
    const enumValue: Op = { kind: 'addEnumValue', schema: null, name: 'mood', value: 'c', before: null, after: null };
    const steps = reverseOpsPartially([create, enumValue]);
    assert.deepEqual(
      steps.map((s) => s.kind),
      ['irreversible', 'dropTable'],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderRevisionBodies } from '../../src/autogenerate/render/render-revision.js';
import type { Op } from '../../src/operations/ops.js';
import type { ColumnSnapshot } from '../../src/snapshot/types.js';
import { col, varchar } from '../helpers/snapshot-builders.js';

const upgrade = (op: Op): string => renderRevisionBodies([op], []).upgrade;
const at = { schema: null, table: 'users' };
const inApp = { schema: 'app', table: 'users' };

describe('render: one line per op, as the op API spells it', () => {
  const cases: [string, Op, string][] = [
    ['dropTable', { kind: 'dropTable', ...at, existing: null }, "op.dropTable('users');"],
    ['dropTable in a schema', { kind: 'dropTable', ...inApp, existing: null }, "op.dropTable('users', { schema: 'app' });"],
    ['renameTable', { kind: 'renameTable', ...at, newName: 'people' }, "op.renameTable('users', 'people');"],
    ['addColumn', { kind: 'addColumn', ...at, column: col('age', { name: 'integer' }, { default: '18' }) }, "op.addColumn('users', 'age', integer().default(18));"],
    ['addColumn in a schema', { kind: 'addColumn', ...inApp, column: col('bio', { name: 'text' }) }, "op.addColumn('users', 'bio', text(), { schema: 'app' });"],
    ['dropColumn', { kind: 'dropColumn', ...at, column: 'age', existing: null }, "op.dropColumn('users', 'age');"],
    ['renameColumn', { kind: 'renameColumn', ...at, column: 'name', newName: 'full_name' }, "op.renameColumn('users', 'name', 'full_name');"],
    [
      'createIndex with columns, unique, partial and an expression',
      {
        kind: 'createIndex',
        ...at,
        index: { name: 'ix_u', elements: [{ column: 'e' }, { expression: 'lower(name)' }], unique: true, where: 'e > 0' },
        concurrently: false,
      },
      "op.createIndex('ix_u', 'users', ['e', sql`lower(name)`], { unique: true, where: sql`e > 0` });",
    ],
    [
      'createIndex concurrently, with a descending column',
      { kind: 'createIndex', ...at, index: { name: 'ix_d', elements: [{ column: 'created', descending: true }], unique: false, where: null }, concurrently: true },
      "op.createIndex('ix_d', 'users', [sql`created DESC`], { concurrently: true });",
    ],
    ['dropIndex', { kind: 'dropIndex', ...at, name: 'ix_users_email', existing: null, concurrently: false }, "op.dropIndex('ix_users_email', 'users');"],
    ['dropIndex concurrently', { kind: 'dropIndex', ...at, name: 'ix_a', existing: null, concurrently: true }, "op.dropIndex('ix_a', 'users', { concurrently: true });"],
    [
      'createUniqueConstraint',
      { kind: 'createUniqueConstraint', ...at, constraint: { name: 'uq_users_email', columns: ['email', 'org'] } },
      "op.createUniqueConstraint('uq_users_email', 'users', ['email', 'org']);",
    ],
    [
      'createForeignKey with actions and schemas',
      {
        kind: 'createForeignKey',
        ...inApp,
        constraint: { name: 'fk_u_org', columns: ['org_id'], referredSchema: 'core', referredTable: 'orgs', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'SET NULL' },
      },
      [
        "op.createForeignKey('fk_u_org', 'users', 'orgs', ['org_id'], ['id'], {",
        "    onDelete: 'cascade',",
        "    onUpdate: 'set null',",
        "    sourceSchema: 'app',",
        "    referentSchema: 'core',",
        '  });',
      ].join('\n'),
    ],
    [
      'createCheckConstraint',
      { kind: 'createCheckConstraint', ...at, constraint: { name: 'ck_users_age', sql: 'age >= 0' } },
      "op.createCheckConstraint('ck_users_age', 'users', sql`age >= 0`);",
    ],
    [
      'createPrimaryKey',
      { kind: 'createPrimaryKey', ...at, constraint: { name: 'pk_users', columns: ['id'] } },
      "op.createPrimaryKey('pk_users', 'users', ['id']);",
    ],
    [
      'dropConstraint',
      { kind: 'dropConstraint', ...at, name: 'fk_u_org', type: 'foreignkey', existing: null },
      "op.dropConstraint('fk_u_org', 'users', { type: 'foreignkey' });",
    ],
    [
      'setTableComment',
      { kind: 'setTableComment', ...at, comment: 'People', existing: 'Users' },
      "op.setTableComment('users', 'People', { existing: 'Users' });",
    ],
    ['setTableComment to none', { kind: 'setTableComment', ...at, comment: null, existing: null }, "op.setTableComment('users', null);"],
    ['createEnum', { kind: 'createEnum', schema: null, name: 'mood', values: ['sad', 'ok'] }, "op.createEnum('mood', ['sad', 'ok']);"],
    ['dropEnum', { kind: 'dropEnum', schema: 'app', name: 'mood', existingValues: null }, "op.dropEnum('mood', { schema: 'app' });"],
    [
      'addEnumValue after a value',
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'happy', before: null, after: 'ok' },
      "op.addEnumValue('mood', 'happy', { after: 'ok' });",
    ],
    [
      'addEnumValue at the end',
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'happy', before: null, after: null },
      "op.addEnumValue('mood', 'happy');",
    ],
    [
      'renameEnumValue',
      { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'ok', to: 'fine' },
      "op.renameEnumValue('mood', 'ok', 'fine');",
    ],
    ['execute', { kind: 'execute', sql: 'UPDATE users SET n = 1', params: [] }, 'op.execute(sql`UPDATE users SET n = 1`);'],
    [
      'execute with parameters',
      { kind: 'execute', sql: 'UPDATE users SET name = $1 WHERE id = $2', params: ["o'hara", 7] },
      "op.execute(sql`UPDATE users SET name = ${'o\\'hara'} WHERE id = ${7}`);",
    ],
  ];
  for (const [name, op, expected] of cases) {
    test(name, () => assert.equal(upgrade(op), `  ${expected}`));
  }
});

describe('render: alterColumn', () => {
  const existing: ColumnSnapshot = col('name', varchar(50), { nullable: false });

  test('carries the changes and the existing column, on one line when it fits', () => {
    const text = upgrade({ kind: 'alterColumn', ...at, column: 'n', changes: { nullable: true }, using: null, existing });
    assert.equal(text, "  op.alterColumn('users', 'n', { nullable: true, existing: { type: string(50), nullable: false } });");
  });

  test('breaks a long options object over lines', () => {
    const text = upgrade({
      kind: 'alterColumn',
      ...at,
      column: 'name',
      changes: { type: { name: 'text' }, default: "'x'::text", comment: 'the name' },
      using: 'name::text',
      existing: { ...existing, comment: 'old' },
    });
    assert.equal(
      text,
      [
        "  op.alterColumn('users', 'name', {",
        '    type: text(),',
        "    default: 'x',",
        "    comment: 'the name',",
        '    using: sql`name::text`,',
        "    existing: { type: string(50), nullable: false, default: null, comment: 'old' },",
        '  });',
      ].join('\n'),
    );
  });

  test('a dropped default is null; autoincrement and schema are options too', () => {
    const text = upgrade({
      kind: 'alterColumn',
      ...inApp,
      column: 'id',
      changes: { default: null, autoincrement: true },
      using: null,
      existing: col('id', { name: 'integer' }, { default: '0', nullable: false }),
    });
    assert.equal(
      text,
      [
        "  op.alterColumn('users', 'id', {",
        '    default: null,',
        '    autoincrement: true,',
        '    existing: { type: integer(), nullable: false, default: 0, autoincrement: false },',
        "    schema: 'app',",
        '  });',
      ].join('\n'),
    );
  });
});

describe('render: data and batches', () => {
  test('bulkInsert writes one row per line', () => {
    const text = upgrade({ kind: 'bulkInsert', ...at, rows: [{ id: 1, name: 'Ann', born: new Date('2000-01-02T00:00:00Z') }, { id: 2, name: null }] });
    assert.equal(
      text,
      [
        "  op.bulkInsert('users', [",
        "    { id: 1, name: 'Ann', born: new Date('2000-01-02T00:00:00.000Z') },",
        '    { id: 2, name: null },',
        '  ]);',
      ].join('\n'),
    );
  });

  test('batchAlterTable renders the inner ops on `batch`, without the table', () => {
    const text = upgrade({
      kind: 'batchAlterTable',
      ...inApp,
      ops: [
        { kind: 'addColumn', ...inApp, column: col('age') },
        { kind: 'createUniqueConstraint', ...inApp, constraint: { name: 'uq_age', columns: ['age'] } },
      ],
    });
    assert.equal(
      text,
      [
        "  op.batchAlterTable('users', (batch) => {",
        "    batch.addColumn('age', integer());",
        "    batch.createUniqueConstraint('uq_age', ['age']);",
        "  }, { schema: 'app' });",
      ].join('\n'),
    );
  });
});

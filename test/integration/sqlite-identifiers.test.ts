/**
 * Reserved words, mixed case, quotes, accents and emoji as table, column, constraint and
 * index names: created, filled, introspected, rebuilt and renamed, they come back as written.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sqliteDialect as d } from '../../src/dialects/sqlite/index.js';
import type { Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { col } from '../helpers/snapshot-builders.js';
import { asSqliteSees, migrate, runStep, withSqliteFile } from './sqlite-test-support.js';

const NAMES = ['order', 'user', 'select', 'Mixed Case', 'quote"d', 'naïve', 'emoji_🙂'];


/** A table named `name` whose columns carry every torture name, with constraints and indexes on them. */
function tortureTable(name: string, parent: string | null): TableSnapshot {
  const q = d.quoteIdentifier;
  return {
    schema: null,
    name,
    columns: [
      col('id', { name: 'integer' }, { nullable: false }),
      ...NAMES.map((n) => col(n, { name: 'string', length: 40 }, { default: `'${n.split("'").join("''")}'` })),
      col('parent', { name: 'integer' }),
    ],
    primaryKey: { name: `pk ${name}`, columns: ['id'] },
    foreignKeys:
      parent === null
        ? []
        : [{ name: `fk "${name}"`, columns: ['parent'], referredSchema: null, referredTable: parent, referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null }],
    uniqueConstraints: [{ name: `uq ${name}`, columns: ['order', 'Mixed Case'] }],
    checkConstraints: [{ name: `ck ${name}`, sql: `length(${q('quote"d')}) < 40 AND ${q('emoji_🙂')} <> 'x'` }],
    indexes: [
      { name: `ix ${name} 1`, elements: [{ column: 'select' }, { column: 'naïve', descending: true }], unique: false, where: null },
      { name: `ix ${name} 2`, elements: [{ expression: `lower(${q('user')})` }], unique: false, where: `${q('Mixed Case')} IS NOT NULL` },
    ],
    comment: null,
  };
}

const tables = NAMES.map((name, i) => tortureTable(name, i === 0 ? null : NAMES[i - 1]!));
const sorted = (ts: TableSnapshot[]): TableSnapshot[] => [...ts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe('SQLite identifiers', () => {
  test('tables and columns with any name round-trip through DDL, data and introspection', () =>
    withSqliteFile(async (conn) => {
      for (const table of tables) await runStep(conn, d.createTableStatements(table));
      const expected: SchemaSnapshot = asSqliteSees({ dialect: 'sqlite', tables: sorted(tables), enums: [] });
      assert.deepEqual(await d.introspect(conn), expected);

      const rows = NAMES.map((_, i) => ({ id: i + 1, ...Object.fromEntries(NAMES.map((name) => [name, `${name} ${i + 1}`])), parent: null }));
      await migrate(conn, NAMES.map((name): Op => ({ kind: 'bulkInsert', schema: null, table: name, rows })));
      const read = await conn.query(`SELECT ${d.quoteIdentifier('quote"d')} AS v FROM ${d.quoteIdentifier('emoji_🙂')} WHERE id = 5`);
      assert.deepEqual(read.rows, [{ v: 'quote"d 5' }]);
    }));

  test('rebuilds and renames keep every name exactly', () =>
    withSqliteFile(async (conn) => {
      for (const table of tables) await runStep(conn, d.createTableStatements(table));
      const before = await d.introspect(conn);
      const ops: Op[] = [
        { kind: 'alterColumn', schema: null, table: 'quote"d', column: 'naïve', changes: { type: { name: 'text' }, nullable: false, default: "'ü'" }, using: null, existing: null },
        { kind: 'renameColumn', schema: null, table: 'user', column: 'Mixed Case', newName: 'Other "Case"' },
        { kind: 'renameColumn', schema: null, table: 'select', column: 'quote"d', newName: 'plain' },
        { kind: 'renameTable', schema: null, table: 'order', newName: 'Ordnung ✓' },
        { kind: 'dropConstraint', schema: null, table: 'naïve', name: 'ck naïve', type: 'check', existing: null },
      ];
      await migrate(conn, ops);
      assert.deepEqual(await d.introspect(conn), asSqliteSees(applyOps(before, ops, { quoteIdentifier: d.quoteIdentifier })));
    }));
});

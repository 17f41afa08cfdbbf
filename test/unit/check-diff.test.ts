import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTwoFilesPatch } from 'diff';
import { schemaDiff } from '../../src/api/check.js';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { col, idTable, tbl, varchar } from '../helpers/snapshot-builders.js';

/** The diff as it reads with every table's DDL written out on both sides. */
function fullDiff(database: SchemaSnapshot, models: SchemaSnapshot): string {
  const ddl = (s: SchemaSnapshot) =>
    s.tables.flatMap((t) => sqliteDialect.createTableStatements(t)).map((st) => `${st.sql};\n`).join('\n');
  return createTwoFilesPatch('database', 'models', ddl(database), ddl(models), undefined, undefined, { context: 3 });
}

describe('check: the schema diff', () => {
  test('tables equal on both sides reuse their DDL; the diff reads as with every table written out', () => {
    const tables = Array.from({ length: 30 }, (_, i) => idTable(`t${String(i).padStart(2, '0')}`, [col('name', varchar())]));
    const database: SchemaSnapshot = { dialect: 'sqlite', tables, enums: [] };
    const models: SchemaSnapshot = {
      dialect: 'sqlite',
      tables: [
        ...tables
          .filter((t) => t.name !== 't07')
          .map((t) => (t.name === 't03' ? { ...t, columns: [...t.columns, col('extra', varchar(20))] } : t))
          // A structurally equal copy, not the same object.
          .map((t) => (t.name === 't04' ? structuredClone(t) : t)),
        tbl('zz', [col('x')]),
      ],
      enums: [],
    };
    const diff = schemaDiff(sqliteDialect, database, models);
    assert.equal(diff, fullDiff(database, models));
    assert.match(diff, /\+ {2}extra VARCHAR\(20\)/);
    assert.match(diff, /-CREATE TABLE t07/);
  });
});

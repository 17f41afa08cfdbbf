import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import { sqlToType } from '../../src/dialects/sqlite/sqlite-types.js';
import type { ColumnType, TableSnapshot } from '../../src/snapshot/types.js';

const d = sqliteDialect;
let conn: Connection;
let counter = 0;

before(async () => {
  conn = await d.connect({ dialect: 'sqlite', filename: ':memory:' });
});
after(async () => {
  await conn.close();
});

/** Creates a one-column table from the dialect's own DDL and reads the column back. */
async function roundTrip(type: ColumnType, defaultValue: string | null = null) {
  const table: TableSnapshot = {
    schema: null,
    name: `t${counter++}`,
    columns: [{ name: 'c', type, nullable: true, default: defaultValue, autoincrement: false, comment: null, collation: null }],
    primaryKey: null,
    foreignKeys: [],
    uniqueConstraints: [],
    checkConstraints: [],
    indexes: [],
    comment: null,
  };
  for (const s of d.createTableStatements(table)) await conn.query(s.sql, s.params);
  const snapshot = await d.introspect(conn);
  return snapshot.tables.find((t) => t.name === table.name)!.columns[0]!;
}

describe('SQLite types', () => {
  const generic: [ColumnType, string][] = [
    [{ name: 'integer' }, 'INTEGER'],
    [{ name: 'bigInteger' }, 'BIGINT'],
    [{ name: 'smallInteger' }, 'SMALLINT'],
    [{ name: 'string', length: 200 }, 'VARCHAR(200)'],
    [{ name: 'string', length: null }, 'VARCHAR'],
    [{ name: 'text' }, 'TEXT'],
    [{ name: 'boolean' }, 'BOOLEAN'],
    [{ name: 'float' }, 'FLOAT'],
    [{ name: 'double' }, 'DOUBLE'],
    [{ name: 'numeric', precision: 10, scale: 2 }, 'NUMERIC(10, 2)'],
    [{ name: 'numeric', precision: 8, scale: null }, 'NUMERIC(8)'],
    [{ name: 'numeric', precision: null, scale: null }, 'NUMERIC'],
    [{ name: 'date' }, 'DATE'],
    [{ name: 'dateTime', timezone: false }, 'DATETIME'],
    [{ name: 'time' }, 'TIME'],
    [{ name: 'json' }, 'JSON'],
    [{ name: 'binary' }, 'BLOB'],
    [{ name: 'uuid' }, 'CHAR(32)'],
    [{ name: 'custom', sql: 'GEOMETRY' }, 'GEOMETRY'],
  ];

  for (const [type, sql] of generic) {
    test(`${JSON.stringify(type)} is ${sql} and reads back as itself`, async () => {
      assert.equal(d.typeToSql(type), sql);
      assert.deepEqual(d.normalizeType(type), type);
      assert.deepEqual((await roundTrip(type)).type, type);
    });
  }

  test('dateTime with a time zone is DATETIME, without one once normalized', async () => {
    const type: ColumnType = { name: 'dateTime', timezone: true };
    assert.equal(d.typeToSql(type), 'DATETIME');
    assert.deepEqual(d.normalizeType(type), { name: 'dateTime', timezone: false });
    assert.deepEqual((await roundTrip(type)).type, d.normalizeType(type));
  });

  test('an enum is a VARCHAR as long as its longest value', async () => {
    const type: ColumnType = { name: 'enum', enumName: 'mood', values: ['sad', 'ecstatic'] };
    assert.equal(d.typeToSql(type), 'VARCHAR(8)');
    assert.deepEqual(d.normalizeType(type), { name: 'string', length: 8 });
    assert.deepEqual((await roundTrip(type)).type, { name: 'string', length: 8 });
  });

  test('PostgreSQL-only types are refused with the type named', () => {
    for (const type of [{ name: 'jsonb' }, { name: 'inet' }, { name: 'array', of: { name: 'integer' } }] as ColumnType[]) {
      assert.throws(() => d.typeToSql(type), new RegExp(`column type ${type.name} exists only on PostgreSQL`));
    }
  });

  test('a custom type reads back in one spelling', async () => {
    const type = d.normalizeType({ name: 'custom', sql: 'unsigned  big int( 10 ,  4 )' });
    assert.deepEqual(type, { name: 'custom', sql: 'UNSIGNED BIG INT(10, 4)' });
    assert.deepEqual((await roundTrip(type)).type, type);
  });

  test('declared types in any spelling read as the canonical type', () => {
    const cases: [string, ColumnType][] = [
      ['int', { name: 'integer' }],
      ['INT', { name: 'integer' }],
      ['Integer', { name: 'integer' }],
      ['varchar(255)', { name: 'string', length: 255 }],
      ['VARCHAR (30)', { name: 'string', length: 30 }],
      ['character varying(20)', { name: 'string', length: 20 }],
      ['nvarchar', { name: 'string', length: null }],
      ['bool', { name: 'boolean' }],
      ['timestamp', { name: 'dateTime', timezone: false }],
      ['double precision', { name: 'double' }],
      ['real', { name: 'float' }],
      ['float(53)', { name: 'float' }],
      ['decimal(12, 4)', { name: 'numeric', precision: 12, scale: 4 }],
      ['int8', { name: 'bigInteger' }],
      ['blob', { name: 'binary' }],
      ['char(32)', { name: 'uuid' }],
      ['char(10)', { name: 'custom', sql: 'CHAR(10)' }],
      ['integer(11)', { name: 'custom', sql: 'INTEGER(11)' }],
      ['', { name: 'custom', sql: '' }],
      ["enum('a', 'B')", { name: 'custom', sql: "ENUM('a', 'B')" }],
      ['unsigned   big int', { name: 'custom', sql: 'UNSIGNED BIG INT' }],
    ];
    for (const [declared, type] of cases) assert.deepEqual(sqlToType(declared), type, declared);
  });
});

describe('SQLite defaults, literals and expressions', () => {
  test('literal defaults print as SQLAlchemy renders them, and as SQLite reads them back', async () => {
    const cases: [unknown, string][] = [
      [18, '18'],
      [-2.5, '-2.5'],
      ["it's", "'it''s'"],
      [true, '1'],
      [false, '0'],
      [null, 'NULL'],
    ];
    for (const [value, printed] of cases) {
      const normalized = d.normalizeDefault({ literal: value }, { name: 'text' });
      assert.equal(normalized, printed);
      assert.equal((await roundTrip({ name: 'text' }, normalized)).default, printed);
    }
  });

  test('SQL defaults print as written, without the parentheses SQLite drops', async () => {
    const cases: [string, string][] = [
      ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
      ['(CURRENT_TIMESTAMP)', 'CURRENT_TIMESTAMP'],
      ["datetime('now')", "datetime('now')"],
      ['( 1 + 2 )', '1 + 2'],
      ['((1))', '(1)'],
      ["lower('A')", "lower('A')"],
      ['false', 'false'],
    ];
    for (const [sql, printed] of cases) {
      const normalized = d.normalizeDefault({ sql }, { name: 'text' });
      assert.equal(normalized, printed, sql);
      assert.equal((await roundTrip({ name: 'text' }, normalized)).default, printed, sql);
    }
  });

  test('literals cover the values bound parameters take', () => {
    assert.equal(d.literal(null), 'NULL');
    assert.equal(d.literal(undefined), 'NULL');
    assert.equal(d.literal(10n), '10');
    assert.equal(d.literal(Buffer.from([0, 255])), "X'00FF'");
    assert.equal(d.literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), "'2024-01-02T03:04:05.000Z'");
    assert.equal(d.literal({ a: "b'c" }), `'{"a":"b''c"}'`);
    assert.throws(() => d.literal(Number.NaN), /no SQL literal/);
  });

  test('expressions keep their text and lose only extra whitespace outside literals', () => {
    assert.equal(d.normalizeExpression('  length(title)\n   >  0 '), 'length(title) > 0');
    assert.equal(d.normalizeExpression("name <> 'a   b'"), "name <> 'a   b'");
    assert.equal(d.normalizeExpression('"odd   name" > 1'), '"odd   name" > 1');
  });

  test('identifiers stay bare only when SQLite reads them back unchanged', () => {
    assert.equal(d.quoteIdentifier('books'), 'books');
    assert.equal(d.quoteIdentifier('order'), '"order"');
    assert.equal(d.quoteIdentifier('Mixed Case'), '"Mixed Case"');
    assert.equal(d.quoteIdentifier('quote"d'), '"quote""d"');
    assert.equal(d.quoteIdentifier('naïve'), '"naïve"');
  });
});

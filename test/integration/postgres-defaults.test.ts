// normalizeDefault predicts, without a server, the text PostgreSQL prints for a column
// default (pg_get_expr). Each case is written twice on a real server: as a user would write
// it (the raw literal or SQL) and as the predicted text; both must print as predicted.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import type { ColumnType } from '../../src/snapshot/types.js';
import { postgresSuite } from '../helpers/postgres-suite.js';

interface Case {
  readonly type: ColumnType;
  readonly value: { readonly literal: unknown } | { readonly sql: string };
  readonly expected: string;
}

const int: ColumnType = { name: 'integer' };
const big: ColumnType = { name: 'bigInteger' };
const small: ColumnType = { name: 'smallInteger' };
const varchar: ColumnType = { name: 'string', length: 20 };
const text: ColumnType = { name: 'text' };
const bool: ColumnType = { name: 'boolean' };
const dbl: ColumnType = { name: 'double' };
const num: ColumnType = { name: 'numeric', precision: 10, scale: 2 };
const ts: ColumnType = { name: 'dateTime', timezone: false };
const tstz: ColumnType = { name: 'dateTime', timezone: true };
const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };

const lit = (literal: unknown) => ({ literal });
const sql = (s: string) => ({ sql: s });

const CASES: readonly Case[] = [
  { type: int, value: lit(18), expected: '18' },
  { type: int, value: lit(0), expected: '0' },
  { type: int, value: lit(-1), expected: "'-1'::integer" },
  { type: int, value: lit(2147483647), expected: '2147483647' },
  { type: int, value: lit(-2147483648), expected: "'-2147483648'::integer" },
  { type: int, value: lit('7'), expected: '7' },
  { type: big, value: lit(5), expected: '5' },
  { type: big, value: lit(-5), expected: "'-5'::integer" },
  { type: big, value: lit(9999999999), expected: "'9999999999'::bigint" },
  { type: big, value: lit(12345678901234567890n), expected: "'12345678901234567890'::numeric" },
  { type: small, value: lit(3), expected: '3' },
  { type: small, value: lit(-3), expected: "'-3'::integer" },
  { type: num, value: lit(1.5), expected: '1.5' },
  { type: num, value: lit(-1.5), expected: "'-1.5'::numeric" },
  { type: num, value: lit(5), expected: '5' },
  { type: num, value: lit('5'), expected: "'5'::numeric" },
  { type: num, value: lit('1.50'), expected: '1.50' },
  { type: dbl, value: lit(2.5), expected: '2.5' },
  { type: dbl, value: lit(-0.5), expected: "'-0.5'::numeric" },
  { type: dbl, value: lit(1e-7), expected: '0.0000001' },
  { type: dbl, value: lit(1e20), expected: "'100000000000000000000'::numeric" },
  { type: dbl, value: lit('1.5'), expected: "'1.5'::double precision" },
  { type: { name: 'float' }, value: lit(3), expected: '3' },
  { type: varchar, value: lit('x'), expected: "'x'::character varying" },
  { type: varchar, value: lit("it's"), expected: "'it''s'::character varying" },
  { type: varchar, value: lit(''), expected: "''::character varying" },
  { type: { name: 'string', length: null }, value: lit('plain'), expected: "'plain'::character varying" },
  { type: text, value: lit('y'), expected: "'y'::text" },
  { type: text, value: lit('a\\b'), expected: "'a\\b'::text" },
  { type: text, value: lit('line\nbreak'), expected: "'line\nbreak'::text" },
  { type: text, value: lit(5), expected: '5' },
  { type: bool, value: lit(true), expected: 'true' },
  { type: bool, value: lit(false), expected: 'false' },
  { type: bool, value: lit('yes'), expected: 'true' },
  { type: mood, value: lit('happy'), expected: "'happy'::mood" },
  { type: { name: 'date' }, value: lit('2020-01-01'), expected: "'2020-01-01'::date" },
  { type: { name: 'date' }, value: lit(new Date('2021-03-04T00:00:00Z')), expected: "'2021-03-04'::date" },
  { type: ts, value: lit('2020-01-01'), expected: "'2020-01-01 00:00:00'::timestamp without time zone" },
  { type: ts, value: lit('2020-01-01T10:30:00.500'), expected: "'2020-01-01 10:30:00.5'::timestamp without time zone" },
  { type: ts, value: lit(new Date('2021-03-04T05:06:07Z')), expected: "'2021-03-04 05:06:07'::timestamp without time zone" },
  { type: tstz, value: lit('2020-01-01 00:00:00+00'), expected: "'2020-01-01 00:00:00+00'::timestamp with time zone" },
  { type: tstz, value: lit(new Date('2021-03-04T05:06:07Z')), expected: "'2021-03-04 05:06:07+00'::timestamp with time zone" },
  { type: { name: 'time' }, value: lit('10:00'), expected: "'10:00:00'::time without time zone" },
  { type: { name: 'json' }, value: lit({ b: 1, a: [1, 2] }), expected: '\'{"b":1,"a":[1,2]}\'::json' },
  { type: { name: 'jsonb' }, value: lit({ bb: 1, a: [1, 2.5], c: null }), expected: '\'{"a": [1, 2.5], "c": null, "bb": 1}\'::jsonb' },
  { type: { name: 'jsonb' }, value: lit('{"b": 2,"a":1}'), expected: '\'{"a": 1, "b": 2}\'::jsonb' },
  { type: { name: 'uuid' }, value: lit('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), expected: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid" },
  { type: { name: 'binary' }, value: lit(Buffer.from([0xde, 0xad])), expected: "'\\xdead'::bytea" },
  { type: { name: 'array', of: int }, value: lit([1, 2]), expected: "'{1,2}'::integer[]" },
  { type: { name: 'array', of: text }, value: lit(['a', 'b c']), expected: '\'{a,"b c"}\'::text[]' },
  { type: { name: 'interval' }, value: lit('1 day'), expected: "'1 day'::interval" },
  { type: { name: 'inet' }, value: lit('10.0.0.1'), expected: "'10.0.0.1'::inet" },
  { type: tstz, value: sql('CURRENT_TIMESTAMP'), expected: 'CURRENT_TIMESTAMP' },
  { type: tstz, value: sql('current_timestamp'), expected: 'CURRENT_TIMESTAMP' },
  { type: ts, value: sql('CURRENT_TIMESTAMP(0)'), expected: 'CURRENT_TIMESTAMP(0)' },
  { type: ts, value: sql('localtimestamp'), expected: 'LOCALTIMESTAMP' },
  { type: { name: 'date' }, value: sql('current_date'), expected: 'CURRENT_DATE' },
  { type: tstz, value: sql('now()'), expected: 'now()' },
  { type: tstz, value: sql('NOW()'), expected: 'now()' },
  { type: { name: 'uuid' }, value: sql('gen_random_uuid()'), expected: 'gen_random_uuid()' },
  { type: text, value: sql('current_user'), expected: 'CURRENT_USER' },
  { type: text, value: sql('user'), expected: 'USER' },
  { type: varchar, value: sql("'x'"), expected: "'x'::character varying" },
  { type: varchar, value: sql("'x'::text"), expected: "'x'::text" },
  { type: varchar, value: sql("'x'::varchar(20)"), expected: "'x'::character varying(20)" },
  { type: { name: 'jsonb' }, value: sql("'{}'::jsonb"), expected: "'{}'::jsonb" },
  { type: num, value: sql("'1.5'::numeric(10,2)"), expected: '1.5::numeric(10,2)' },
  { type: num, value: sql("'5'::numeric(10,2)"), expected: "'5'::numeric(10,2)" },
  { type: { name: 'custom', sql: 'char(3)' }, value: sql("'x'::char(3)"), expected: "'x'::character(3)" },
  { type: { name: 'custom', sql: 'char(3)' }, value: lit('ab'), expected: "'ab'::bpchar" },
  { type: int, value: sql("'5'::int"), expected: '5' },
  { type: mood, value: sql("'sad'::mood"), expected: "'sad'::mood" },
  { type: text, value: lit(true), expected: 'true' },
  { type: int, value: sql('-1'), expected: "'-1'::integer" },
  { type: int, value: sql('42'), expected: '42' },
  { type: num, value: sql('1.5'), expected: '1.5' },
  { type: bool, value: sql('TRUE'), expected: 'true' },
  { type: big, value: sql("nextval('seq')"), expected: "nextval('seq'::regclass)" },
];

describe('PostgreSQL normalizeDefault', () => {
  // A fixed session time zone: timestamptz constants print in it.
  const suite = postgresSuite('?options=-c%20TimeZone%3DUTC');

  before(async () => {
    await suite.conn().query("CREATE TYPE mood AS ENUM ('happy', 'sad')");
    await suite.conn().query('CREATE SEQUENCE seq');
  });

  test('predicts the text the server prints, for the raw default and for the predicted one', async () => {
    const columns = CASES.flatMap((c, i) => {
      const raw = 'sql' in c.value ? c.value.sql : pg.literal(c.value.literal);
      const predicted = pg.normalizeDefault(c.value, c.type);
      assert.equal(predicted, c.expected, `case ${i}: ${JSON.stringify('sql' in c.value ? c.value : String(c.value.literal))}`);
      const type = pg.typeToSql(c.type);
      return [`raw_${i} ${type} DEFAULT ${raw}`, `predicted_${i} ${type} DEFAULT ${predicted}`];
    });
    await suite.conn().query(`CREATE TABLE defaults (${columns.join(', ')})`);
    const snapshot = await pg.introspect(suite.conn());
    const table = snapshot.tables.find((t) => t.name === 'defaults');
    assert.ok(table);
    CASES.forEach((c, i) => {
      const printed = (name: string) => table.columns.find((col) => col.name === name)?.default;
      assert.equal(printed(`raw_${i}`), c.expected, `raw form of case ${i}`);
      assert.equal(printed(`predicted_${i}`), c.expected, `predicted form of case ${i}`);
    });
  });

  test('a NULL default is stored as no default at all', async () => {
    await suite.conn().query('CREATE TABLE null_default (a integer DEFAULT NULL)');
    const snapshot = await pg.introspect(suite.conn());
    assert.equal(snapshot.tables.find((t) => t.name === 'null_default')?.columns[0]?.default, null);
  });
});

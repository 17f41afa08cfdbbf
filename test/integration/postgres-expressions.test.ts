// CHECK constraints, index expressions and partial-index predicates: the expression a
// model writes and the server's print of it canonicalize to the same text.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { canonicalExpression, postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import { postgresSuite } from '../helpers/postgres-suite.js';

const CHECKS: readonly string[] = [
  'LENGTH(title) > 0',
  '(n > 0) AND (n < 10) OR n IS NULL',
  "title IN ('a', 'b')",
  "s NOT IN ('x', 'y')",
  'n BETWEEN 1 AND 5',
  "s ~ '^x' AND s != 'y'",
  "m <> 'happy'",
  "ts > now() - interval '1 day'",
  'coalesce(n, 0) >= 0',
  'NOT (n = 1)',
  '(n * 2 + 1) > ((n - 1) * 3)',
  "title LIKE 'a%'",
  "title NOT ILIKE 'b%'",
  'CASE WHEN n > 0 THEN true ELSE false END',
  'n > -1',
  'price >= 0',
  'price > 1.5',
  "s IS DISTINCT FROM 'z'",
  'upper(s) = s',
  'n::text <> \'\'',
  'ts IS NOT NULL OR n IS NOT NULL',
  "date_part('year', ts) > 2000",
  '"Mixed Case" > 0',
];

describe('PostgreSQL expression canonicalization', () => {
  const suite = postgresSuite();

  before(async () => {
    await suite.conn().query("CREATE TYPE mood AS ENUM ('happy', 'sad')");
  });

  test('a CHECK as written and as the server prints it meet in the middle', async () => {
    const checks = CHECKS.map((sql, i) => `CONSTRAINT ck_${String(i).padStart(2, '0')} CHECK (${sql})`);
    await suite.conn().query(`CREATE TABLE checked (
      title varchar(20), n integer, s text, m mood, ts timestamptz, price numeric(10, 2), "Mixed Case" integer,
      ${checks.join(',\n')})`);
    const table = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'checked');
    assert.ok(table);
    CHECKS.forEach((sql, i) => {
      assert.equal(table.checkConstraints[i]?.sql, pg.normalizeExpression(sql), `check ${i}: ${sql}`);
    });
  });

  test('index expressions and predicates meet in the middle too', async () => {
    await suite.conn().query(`CREATE TABLE indexed (email varchar(100), n integer, flag boolean)`);
    await suite.conn().query(`CREATE INDEX ix_a ON indexed (LOWER(email), (n + 1)) WHERE (email IS NOT NULL) AND flag`);
    await suite.conn().query(`CREATE INDEX ix_b ON indexed (n) WHERE email LIKE '%@x.org' OR n IN (1, 2)`);
    const table = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'indexed');
    assert.deepEqual(table?.indexes, [
      {
        name: 'ix_a',
        elements: [{ expression: pg.normalizeExpression('LOWER(email)') }, { expression: pg.normalizeExpression('n+1') }],
        unique: false,
        where: pg.normalizeExpression('(email IS NOT NULL) AND flag'),
      },
      { name: 'ix_b', elements: [{ column: 'n' }], unique: false, where: pg.normalizeExpression("email LIKE '%@x.org' OR n IN (1, 2)") },
    ]);
  });

  test('canonical text is valid SQL that canonicalizes to itself and keeps meaningful casts', () => {
    for (const sql of CHECKS) {
      const once = canonicalExpression(sql);
      assert.equal(canonicalExpression(once), once, sql);
    }
    assert.equal(canonicalExpression("ts > now() - interval '1 day'"), "ts > now() - '1 day'::interval");
    assert.equal(canonicalExpression('n::numeric / 2'), 'n::numeric / 2');
    assert.equal(canonicalExpression('(a OR b) AND c'), '(a or b) and c');
  });

  test('what the parser does not cover is compared by its tokens', () => {
    assert.equal(canonicalExpression('EXISTS (SELECT 1   FROM t)'), canonicalExpression('exists (select 1 from t)'));
  });
});

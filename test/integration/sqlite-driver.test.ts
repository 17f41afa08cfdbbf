import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sqliteDialect as d } from '../../src/dialects/sqlite/index.js';
import { withSqliteFile } from './sqlite-test-support.js';

describe('SQLite connection', () => {
  test('opens a file, creating it, with a busy timeout and foreign keys on', () =>
    withSqliteFile(async (conn, filename) => {
      await conn.query('CREATE TABLE t (a INTEGER)');
      assert.ok(existsSync(filename));
      assert.deepEqual((await conn.query('PRAGMA busy_timeout')).rows, [{ timeout: 5000 }]);
      assert.deepEqual((await conn.query('PRAGMA foreign_keys')).rows, [{ foreign_keys: 1 }]);
      assert.equal(conn.dialect, d);
    }));

  test('reads return rows, writes return the number of changed rows', async () => {
    const conn = await d.connect({ dialect: 'sqlite', filename: ':memory:' });
    try {
      await conn.query('CREATE TABLE t (a INTEGER, b TEXT)');
      assert.deepEqual(await conn.query('INSERT INTO t VALUES (?, ?), (?, ?)', [1, 'x', 2, 'y']), { rows: [], rowCount: 2 });
      assert.deepEqual(await conn.query('UPDATE t SET b = ? WHERE a > ?', ['z', 0]), { rows: [], rowCount: 2 });
      assert.deepEqual(await conn.query('SELECT a, b FROM t ORDER BY a'), { rows: [{ a: 1, b: 'z' }, { a: 2, b: 'z' }], rowCount: 2 });
      assert.deepEqual(await conn.query('DELETE FROM t WHERE a = 1 RETURNING a'), { rows: [{ a: 1 }], rowCount: 1 });
    } finally {
      await conn.close();
    }
  });

  test('a script of several statements, or of comments only, runs without parameters', async () => {
    const conn = await d.connect({ dialect: 'sqlite', filename: ':memory:' });
    try {
      await conn.query('CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);');
      await conn.query('-- nothing to do\n');
      assert.deepEqual((await conn.query('SELECT count(*) AS n FROM t')).rows, [{ n: 2 }]);
      await assert.rejects(conn.query('SELECT ?; SELECT 2', [1]), /more than one statement/);
    } finally {
      await conn.close();
    }
  });

  test('parameters of any JavaScript type bind as the literals offline mode writes', async () => {
    const conn = await d.connect({ dialect: 'sqlite', filename: ':memory:' });
    try {
      const values = [true, false, new Date(Date.UTC(2024, 1, 3)), { a: [1] }, undefined, Buffer.from('hi'), 10n, 'x'];
      const placeholders = values.map((_, i) => `? AS v${i}`).join(', ');
      const bound = (await conn.query(`SELECT ${placeholders}`, values)).rows[0]!;
      const inline = (await conn.query(`SELECT ${values.map((v, i) => `${d.literal(v)} AS v${i}`).join(', ')}`)).rows[0]!;
      assert.deepEqual(bound, inline);
      assert.deepEqual(bound, { v0: 1, v1: 0, v2: '2024-02-03T00:00:00.000Z', v3: '{"a":[1]}', v4: null, v5: Buffer.from('hi'), v6: 10, v7: 'x' });
    } finally {
      await conn.close();
    }
  });

  test('a PostgreSQL URL is refused', async () => {
    await assert.rejects(
      d.connect({ dialect: 'postgresql', host: 'h', port: 5432, user: null, password: null, database: null, params: {} }),
      /cannot open a postgresql URL/,
    );
  });
});

describe('SQLite scratch database', () => {
  test('is a fresh file apart from the one the URL names, gone after drop', async () => {
    const scratch = await d.createScratchDatabase({ dialect: 'sqlite', filename: '/nonexistent/user.db' });
    assert.equal(scratch.url.dialect, 'sqlite');
    const conn = await d.connect(scratch.url);
    await conn.query('CREATE TABLE t (a INTEGER)');
    await conn.close();
    const filename = scratch.url.dialect === 'sqlite' ? scratch.url.filename : '';
    assert.ok(existsSync(filename));
    await scratch.drop();
    assert.ok(!existsSync(filename));
  });
});

// Opening PostgreSQL connections from URLs: parameters pass through, failures are prompt and
// never show the password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import { AlembicError, ConfigError } from '../../src/errors.js';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';

const url = (text: string) => parseDatabaseUrl(text, process.cwd());

describe('PostgreSQL connections', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createPostgresDatabase();
  });
  after(async () => {
    await db.dispose();
  });

  test('queries run with bound parameters and the connection closes cleanly, twice', async () => {
    const conn = await pg.connect(url(db.url));
    const result = await conn.query('SELECT $1::int + 1 AS n, current_database() AS db', [41]);
    assert.equal(result.rows[0]?.['n'], 42);
    assert.equal(result.rowCount, 1);
    assert.equal(conn.dialect, pg);
    await conn.close();
    await conn.close();
  });

  test('options and application_name reach the server', async () => {
    const conn = await pg.connect(url(`${db.url}?options=-c%20statement_timeout%3D1234&application_name=migr`));
    try {
      const { rows } = await conn.query("SELECT current_setting('statement_timeout') AS t, current_setting('application_name') AS a");
      assert.deepEqual(rows, [{ t: '1234ms', a: 'migr' }]);
    } finally {
      await conn.close();
    }
  });

  test('a refused connection fails with E_CONNECT and no password in the message or the cause', async () => {
    const secret = 'S3cret-pw-value';
    await assert.rejects(pg.connect(url(`postgresql://postgres:${secret}@127.0.0.1:1/nowhere`)), (error: unknown) => {
      assert.ok(error instanceof AlembicError);
      assert.equal(error.code, 'E_CONNECT');
      assert.match(error.message, /127\.0\.0\.1:1\/nowhere as postgres/);
      const everything = `${error.message} ${error.hint ?? ''} ${String(error.stack)} ${String((error.cause as Error | undefined)?.stack)}`;
      assert.ok(!everything.includes(secret), 'the password leaked');
      return true;
    });
  });

  test('an unreachable host gives up after connect_timeout instead of hanging', async () => {
    const started = Date.now();
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): routed nowhere, so the SYN goes unanswered.
    await assert.rejects(pg.connect(url('postgresql://postgres@192.0.2.1:5432/x?connect_timeout=1')), (error: unknown) => {
      assert.ok(error instanceof AlembicError);
      assert.equal(error.code, 'E_CONNECT');
      return true;
    });
    assert.ok(Date.now() - started < 5000, 'took too long');
  });

  test('sslmode=require against a server without TLS fails, sslmode=disable connects', async () => {
    await assert.rejects(pg.connect(url(`${db.url}?sslmode=require`)), (error: unknown) => error instanceof AlembicError);
    const conn = await pg.connect(url(`${db.url}?sslmode=disable`));
    await conn.close();
  });

  test('unknown URL parameters and sslmodes are configuration errors', async () => {
    await assert.rejects(pg.connect(url(`${db.url}?sslmod=require`)), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /sslmod/);
      return true;
    });
    await assert.rejects(pg.connect(url(`${db.url}?sslmode=sometimes`)), ConfigError);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { advisoryLockKey } from '../../src/dialects/postgres/postgres-runtime.js';
import { MigrationError } from '../../src/errors.js';
import { current, upgrade } from '../../src/runtime/migrate.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const KEY = advisoryLockKey({ schema: null, name: 'alembic_version' }).toString();

describe('runner on postgresql: the advisory lock', () => {
  let project: Project;
  let holder: pg.Client;
  let holderPid: number;
  before(async () => {
    project = await createProject('postgresql');
    project.write(BOOKS_CHAIN[0]!);
    holder = new pg.Client({ connectionString: project.db.url });
    await holder.connect();
    holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  });
  after(async () => {
    await holder.end();
    await project.dispose();
  });

  test('a run that cannot get the lock gives up after the timeout, naming the holder pid', async () => {
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [KEY]);
    const started = Date.now();
    await assert.rejects(upgrade(project.ctx({ lockTimeoutMs: 600 }), 'head'), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.equal(error.code, 'E_LOCK_TIMEOUT');
      assert.match(error.message, new RegExp(`pid ${holderPid}\\b`));
      return true;
    });
    assert.ok(Date.now() - started >= 600);
    assert.deepEqual((await current(project.ctx())).heads, []);
  });

  test('a waiting run goes on as soon as the holder lets go', async () => {
    const run = upgrade(project.ctx({ lockTimeoutMs: 10_000 }), 'head');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await holder.query('SELECT pg_advisory_unlock($1::bigint)', [KEY]);
    assert.deepEqual((await run).heads, [BOOKS_CHAIN[0]!.revision]);
  });

  test('the lock is released at the end of a run, also a failed one', async () => {
    project.write({ revision: 'f00000000002', down: BOOKS_CHAIN[0]!.revision, upgrade: "op.execute('SELECT no_such_column');" });
    await assert.rejects(upgrade(project.ctx(), 'head'), { code: 'E_STATEMENT_FAILED' });
    const taken = await holder.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [KEY]);
    assert.equal(taken.rows[0]!.locked, true);
    await holder.query('SELECT pg_advisory_unlock($1::bigint)', [KEY]);
  });

  test('the key depends on the version table, so two projects in one database do not wait on each other', () => {
    assert.notEqual(advisoryLockKey({ schema: null, name: 'other_version' }).toString(), KEY);
    assert.notEqual(advisoryLockKey({ schema: 'app', name: 'alembic_version' }).toString(), KEY);
  });
});

describe('runner on sqlite: the write lock', () => {
  let project: Project;
  before(async () => {
    project = await createProject('sqlite');
    project.write(BOOKS_CHAIN[0]!);
  });
  after(() => project.dispose());

  test('a run that cannot get the write lock gives up after the timeout with a clear error', async () => {
    const other = new Database(project.db.url.replace(/^sqlite:\/\//, ''));
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      await assert.rejects(upgrade(project.ctx({ lockTimeoutMs: 500 }), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_LOCK_TIMEOUT');
        assert.match(error.message, /locked by another connection/);
        return true;
      });
      assert.ok(Date.now() - started >= 500);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.deepEqual((await upgrade(project.ctx(), 'head')).heads, [BOOKS_CHAIN[0]!.revision]);
  });
});

/**
 * A crash inside a revision that runs outside a transaction (PostgreSQL, `CREATE INDEX
 * CONCURRENTLY` on a table big enough to take seconds): the next run says which revision was
 * left half-done and what it left behind (the INVALID index), refuses to go on, and never
 * marks the revision applied by itself. The user drops the leftover, records the state with
 * `alembic-ts stamp` as the hint says, and the revision then runs to the end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { createFaultProject, historyRows, versionRows, waitFor, withDb, type FaultProject } from './fault-project.js';

const TABLE_REVISION = 'c1c000000001';
const INDEX_REVISION = 'c1c000000002';
const ROWS = 1_000_000;

interface IndexState {
  readonly name: string;
  readonly valid: boolean;
}

async function indexesOfBig(url: string): Promise<IndexState[]> {
  return withDb('postgresql', url, async (db) =>
    (
      await db.query(
        `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE i.indrelid = 'big'::regclass AND NOT i.indisprimary ORDER BY 1`,
      )
    ).map((r) => ({ name: String(r['name']), valid: r['valid'] === true })),
  );
}

async function indexBuildRunning(url: string): Promise<boolean> {
  return withDb('postgresql', url, async (db) => {
    const rows = await db.query(
      "SELECT phase FROM pg_stat_progress_create_index WHERE datname = current_database() AND phase LIKE 'building index%'",
    );
    return rows.length > 0;
  });
}

async function otherSessions(url: string): Promise<number> {
  return withDb('postgresql', url, async (db) => {
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    return Number(rows[0]?.['n']);
  });
}

describe('a crash inside a non-transactional revision on postgresql', () => {
  let database: TestDatabase;
  let project: FaultProject;
  before(async () => {
    database = await createPostgresDatabase();
    // Without it the server lets an orphaned CREATE INDEX CONCURRENTLY run on to the end (the
    // backend notices the client is gone only when it next writes to it); with it, the build
    // is aborted a moment after the kill, as when a server restarts or the session is
    // terminated: the case that leaves an INVALID index behind.
    const name = new URL(database.url).pathname.slice(1);
    await withDb('postgresql', database.url, (db) => db.query(`ALTER DATABASE "${name}" SET client_connection_check_interval = '100ms'`));
    project = createFaultProject(database.url);
    project.addRevision({
      revision: TABLE_REVISION,
      message: 'big table',
      imports: ['integer', 'text'],
      upgrade:
        "op.createTable('big', { id: integer().primaryKey(), payload: text().notNull() });\n" +
        `  op.execute('INSERT INTO big (payload) SELECT md5(i::text) FROM generate_series(1, ${ROWS}) AS i');`,
      downgrade: "op.dropTable('big');",
    });
    project.addRevision({
      revision: INDEX_REVISION,
      down: TABLE_REVISION,
      message: 'index concurrently',
      transactional: false,
      imports: ['sql'],
      upgrade: "op.createIndex('ix_big_md5', 'big', sql`md5(payload)`, { concurrently: true });",
      downgrade: "op.dropIndex('ix_big_md5', 'big', { concurrently: true });",
    });
    project.write(
      'src/models.ts',
      "import { table, integer, text, index, sql } from 'alembic-ts';\n" +
        "export const big = table('big', { id: integer().primaryKey(), payload: text().notNull() }, () => [index('ix_big_md5').on(sql`md5(payload)`)]);\n",
    );
    const first = project.run('upgrade', TABLE_REVISION);
    assert.equal(first.status, 0, first.stderr);
  });
  after(async () => {
    project.dispose();
    await database.dispose();
  });

  test('the run killed during CREATE INDEX CONCURRENTLY leaves the revision started and an INVALID index', async () => {
    const run = project.start('upgrade', 'head');
    let exited = false;
    void run.done.then(() => (exited = true));
    await waitFor('the index build', async () => exited || (await indexBuildRunning(database.url)));
    assert.equal(exited, false, `the run ended before it could be killed: ${run.stderr()}`);
    run.child.kill('SIGKILL');
    assert.equal((await run.done).signal, 'SIGKILL');
    await waitFor('the orphaned backend to end', async () => (await otherSessions(database.url)) === 0, 15_000, 50);

    assert.deepEqual(await indexesOfBig(database.url), [{ name: 'ix_big_md5', valid: false }]);
    assert.deepEqual(await versionRows('postgresql', database.url), [TABLE_REVISION]);
    assert.deepEqual((await historyRows('postgresql', database.url)).at(-1), { revision: INDEX_REVISION, direction: 'up', status: 'started' });
  });

  test('the next run names the revision and the INVALID index, and refuses to go on', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = project.run('upgrade', 'head');
      assert.equal(refused.status, 1);
      const [error, hint, ...rest] = refused.stderr.trimEnd().split('\n');
      assert.deepEqual(rest, [], refused.stderr);
      assert.match(error!, new RegExp(`^alembic-ts: error: the upgrade of revision ${INDEX_REVISION} .* did not finish`));
      assert.match(error!, /ix_big_md5/);
      assert.match(error!, /INVALID/);
      assert.match(hint!, new RegExp(`^ {2}hint: .*alembic-ts stamp ${INDEX_REVISION}.*alembic-ts stamp ${TABLE_REVISION}`));
    }
  });

  test('current and check report the half-done revision; nothing marks it applied', async () => {
    const current = project.run('current');
    assert.equal(current.status, 0, current.stderr);
    assert.match(current.stdout, new RegExp(`^${INDEX_REVISION} \\(started upgrade, never finished\\)$`, 'm'));
    const check = project.run('check');
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, new RegExp(`revision ${INDEX_REVISION} started outside a transaction and never finished; it left behind: INVALID index .*ix_big_md5`));
    assert.deepEqual(await versionRows('postgresql', database.url), [TABLE_REVISION]);
    assert.deepEqual(await indexesOfBig(database.url), [{ name: 'ix_big_md5', valid: false }]);
  });

  test('after the user drops the leftover and stamps, the revision runs to the end', async () => {
    await withDb('postgresql', database.url, (db) => db.query('DROP INDEX ix_big_md5'));
    const stamp = project.run('stamp', TABLE_REVISION);
    assert.equal(stamp.status, 0, stamp.stderr);

    const retry = project.run('upgrade', 'head');
    assert.equal(retry.status, 0, retry.stderr);
    assert.match(retry.stderr, new RegExp(`Running upgrade ${TABLE_REVISION} -> ${INDEX_REVISION}`));
    assert.deepEqual(await indexesOfBig(database.url), [{ name: 'ix_big_md5', valid: true }]);
    assert.deepEqual(await versionRows('postgresql', database.url), [INDEX_REVISION]);
    const history = await historyRows('postgresql', database.url);
    assert.deepEqual(
      history.filter((h) => h.revision === INDEX_REVISION).map((h) => h.status),
      ['resolved', 'finished'],
    );
    const rows = await withDb('postgresql', database.url, (db) => db.query('SELECT count(*)::int AS n FROM big'));
    assert.deepEqual(rows, [{ n: ROWS }]);
    const check = project.run('check');
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});

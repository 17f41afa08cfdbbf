/**
 * `kill -9` of `alembic-ts upgrade` at every statement boundary of a revision of four DDL
 * statements. The kill lands in a slow statement the revision puts at that boundary (chosen
 * with `-x at=N`, so that one file serves every boundary and the retry can leave it out).
 * Each time, the next run finds the database exactly as before the killed run, takes the
 * lock, and completes the revision.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createDatabase, DIALECTS, type DialectName, type TestDatabase } from '../helpers/databases.js';
import {
  createFaultProject,
  historyRows,
  SOAK,
  sqlitePath,
  tableNames,
  versionRows,
  waitFor,
  withDb,
  type FaultProject,
  type RunningCli,
} from './fault-project.js';

const BASE = 'b0a000000001';
const REVISION = 'b0a000000002';
const DDL_STATEMENTS = 4;
/** Before the first statement, between each two, and after the last (before the version update). */
const BOUNDARIES = Array.from({ length: DDL_STATEMENTS + 1 }, (_, i) => i);
const ROUNDS = SOAK ? 5 : 1;
const BASE_ROWS = 100;

const numbers = (n: number): string => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n}) SELECT i FROM n`;
const SLOW_SQLITE = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 30000000) SELECT count(*) FROM c';
const SLOW_POSTGRES = 'SELECT pg_sleep(2)';

const UPGRADE = `const slow = op.dialect === 'sqlite' ? ${JSON.stringify(SLOW_SQLITE)} : ${JSON.stringify(SLOW_POSTGRES)};
  const statements = [
    () => op.createTable('k_one', { id: integer().primaryKey(), name: string(40) }),
    () => op.addColumn('base_rows', 'extra', string(10)),
    () => op.createIndex('ix_k_one_name', 'k_one', ['name']),
    () => op.createTable('k_two', { id: integer().primaryKey(), one_id: integer().references('k_one.id') }),
  ];
  const at = op.x['at'] === undefined ? -1 : Number(op.x['at']);
  statements.forEach((statement, i) => {
    if (i === at) op.execute(slow);
    statement();
  });
  if (at === statements.length) op.execute(slow);`;

const DOWNGRADE = `op.dropTable('k_two');
  op.dropIndex('ix_k_one_name', 'k_one');
  op.dropColumn('base_rows', 'extra');
  op.dropTable('k_one');`;

/** SQLite: the run holds the write lock (it is inside its transaction). */
function sqliteWriteLockHeld(url: string): boolean {
  const db = new Database(sqlitePath(url));
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error: unknown) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** PostgreSQL: the slow statement is running in some session of this database. */
async function sleepingSession(url: string): Promise<boolean> {
  return withDb('postgresql', url, async (db) => {
    const rows = await db.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query = $1",
      [SLOW_POSTGRES],
    );
    return rows.length > 0;
  });
}

async function advisoryLocks(url: string): Promise<number> {
  return withDb('postgresql', url, async (db) => {
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return Number(rows[0]?.['n']);
  });
}

/** Waits until the run is in the slow statement, then kills it; returns what it saw. */
async function killInSlowStatement(dialect: DialectName, url: string, run: RunningCli): Promise<{ journal: boolean }> {
  let exited = false;
  void run.done.then(() => (exited = true));
  if (dialect === 'postgresql') {
    await waitFor('the slow statement', async () => exited || (await sleepingSession(url)));
  } else {
    await waitFor('the write lock', () => exited || sqliteWriteLockHeld(url));
    // The four DDL statements take milliseconds and the slow one seconds: this is well inside it.
    await sleep(400);
  }
  assert.equal(exited, false, `the run ended before it could be killed: ${run.stderr()}`);
  const journal = dialect === 'sqlite' && existsSync(`${sqlitePath(url)}-journal`);
  run.child.kill('SIGKILL');
  const result = await run.done;
  assert.equal(result.signal, 'SIGKILL');
  return { journal };
}

for (const dialect of DIALECTS) {
  describe(`kill -9 at each statement boundary on ${dialect}`, () => {
    let database: TestDatabase;
    let project: FaultProject;
    before(async () => {
      database = await createDatabase(dialect);
      project = createFaultProject(database.url);
      project.addRevision({
        revision: BASE,
        message: 'base rows',
        imports: ['integer', 'string'],
        upgrade:
          "op.createTable('base_rows', { id: integer().primaryKey(), label: string(20).notNull() });\n" +
          `  op.execute("INSERT INTO base_rows (label) SELECT 'row' FROM (${numbers(BASE_ROWS)}) AS s");`,
        downgrade: "op.dropTable('base_rows');",
      });
      project.addRevision({ revision: REVISION, down: BASE, message: 'four statements', imports: ['integer', 'string'], upgrade: UPGRADE, downgrade: DOWNGRADE });
      const base = project.run('upgrade', BASE);
      assert.equal(base.status, 0, base.stderr);
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    for (let round = 1; round <= ROUNDS; round++) {
      for (const at of BOUNDARIES) {
        test(`${ROUNDS > 1 ? `round ${round}, ` : ''}killed at boundary ${at}: the next run sees the database untouched and completes`, async () => {
          const tablesBefore = await tableNames(dialect, database.url);
          const historyBefore = await historyRows(dialect, database.url);

          const { journal } = await killInSlowStatement(dialect, database.url, project.start('-x', `at=${at}`, 'upgrade', 'head'));
          if (dialect === 'sqlite' && at > 0) assert.ok(journal, 'the killed run had written part of the revision (a hot journal is left)');

          const current = project.run('--json', 'current');
          assert.equal(current.status, 0, current.stderr);
          const state = JSON.parse(current.stdout) as { heads: string[]; unfinished: unknown[] };
          assert.deepEqual(state.heads, [BASE], 'the version table is unchanged');
          assert.deepEqual(state.unfinished, []);
          assert.deepEqual(await tableNames(dialect, database.url), tablesBefore, 'no table of the killed revision exists');
          assert.deepEqual(await historyRows(dialect, database.url), historyBefore);
          await withDb(dialect, database.url, async (db) => {
            const columns =
              dialect === 'sqlite'
                ? await db.query("SELECT name FROM pragma_table_info('base_rows')")
                : await db.query("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'base_rows'");
            assert.deepEqual(columns.map((c) => c['name']).sort(), ['id', 'label']);
            assert.deepEqual(await db.query('SELECT count(*) AS n FROM base_rows'), [{ n: dialect === 'sqlite' ? BASE_ROWS : String(BASE_ROWS) }]);
            if (dialect === 'sqlite') assert.deepEqual(await db.query('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
          });
          if (dialect === 'postgresql') await waitFor('the advisory lock to be released', async () => (await advisoryLocks(database.url)) === 0, 5000, 50);

          const retry = project.run('upgrade', 'head');
          assert.equal(retry.status, 0, retry.stderr);
          assert.match(retry.stderr, new RegExp(`Running upgrade ${BASE} -> ${REVISION}`));
          assert.deepEqual(await versionRows(dialect, database.url), [REVISION]);
          assert.deepEqual(await tableNames(dialect, database.url), [...tablesBefore, 'k_one', 'k_two'].sort());
          const history = await historyRows(dialect, database.url);
          assert.deepEqual(history.slice(historyBefore.length), [{ revision: REVISION, direction: 'up', status: 'finished' }]);

          const down = project.run('downgrade', '-1');
          assert.equal(down.status, 0, down.stderr);
        });
      }
    }
  });
}

/**
 * Eight `alembic-ts upgrade head` processes started at once on one fresh database with five
 * pending revisions: each revision is applied by exactly one of them, the others wait for the
 * lock and find nothing left to do, and the seed row is inserted once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDatabase, DIALECTS, type DialectName } from '../helpers/databases.js';
import { createFaultProject, historyRows, SOAK, strayLines, versionRows, withDb, type FaultProject } from './fault-project.js';

const PROCESSES = 8;
const ROUNDS = SOAK ? 10 : 1;
const REVISIONS = ['a1ce00000001', 'a1ce00000002', 'a1ce00000003', 'a1ce00000004', 'a1ce00000005'];

/** Work inside every revision, so that the runs overlap while one of them holds the lock. */
const BUSY =
  "op.execute(op.dialect === 'sqlite' ? " +
  "'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) FROM c' : " +
  "'SELECT pg_sleep(0.3)');";

const BODIES = [
  "op.createTable('seed', { id: integer().primaryKey(), name: string(40).notNull() });",
  "op.execute(\"INSERT INTO seed (name) VALUES ('the only row')\");",
  "op.addColumn('seed', 'note', text());",
  "op.createTable('audit', { id: integer().primaryKey(), seed_id: integer().references('seed.id') });",
  "op.createIndex('ix_seed_name', 'seed', ['name'], { unique: true });",
];

interface RunJson {
  readonly steps: readonly { readonly revision: string }[];
  readonly heads: readonly string[];
}

async function race(dialect: DialectName, project: FaultProject): Promise<void> {
  const runs = Array.from({ length: PROCESSES }, () => project.start('--json', 'upgrade', 'head'));
  const results = await Promise.all(runs.map((r) => r.done));
  for (const result of results) {
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(strayLines(result.stderr), [], 'no error, warning or SQLITE_BUSY on stderr');
  }
  const outputs = results.map((r) => JSON.parse(r.stdout) as RunJson);
  const applied = outputs.flatMap((o) => o.steps.map((s) => s.revision)).sort();
  assert.deepEqual(applied, REVISIONS, 'each revision ran in exactly one process');
  assert.ok(outputs.some((o) => o.steps.length === 0), 'at least one run waited and found nothing to do');
  for (const output of outputs) assert.deepEqual(output.heads, [REVISIONS.at(-1)]);
  const ranLines = results.flatMap((r) => r.stderr.split('\n').filter((line) => line.startsWith('Running upgrade')));
  assert.equal(ranLines.length, REVISIONS.length);

  assert.deepEqual(await versionRows(dialect, project.url), [REVISIONS.at(-1)]);
  assert.deepEqual(
    (await historyRows(dialect, project.url)).map((h) => [h.revision, h.direction, h.status]),
    REVISIONS.map((r) => [r, 'up', 'finished']),
  );
  await withDb(dialect, project.url, async (db) => {
    assert.deepEqual(await db.query('SELECT name FROM seed'), [{ name: 'the only row' }]);
    if (dialect === 'sqlite') assert.deepEqual(await db.query('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
  });
}

function writeRevisions(project: FaultProject): void {
  REVISIONS.forEach((revision, i) =>
    project.addRevision({
      revision,
      down: REVISIONS[i - 1] ?? null,
      message: `race step ${i + 1}`,
      imports: ['integer', 'string', 'text'],
      upgrade: `${BUSY}\n  ${BODIES[i]!}`,
    }),
  );
}

for (const dialect of DIALECTS) {
  describe(`race on ${dialect}: ${PROCESSES} processes run upgrade head at once`, () => {
    for (let round = 1; round <= ROUNDS; round++) {
      test(`${ROUNDS > 1 ? `round ${round}: ` : ''}every revision is applied exactly once and every run succeeds`, async () => {
        const database = await createDatabase(dialect);
        const project = createFaultProject(database.url);
        try {
          writeRevisions(project);
          await race(dialect, project);
        } finally {
          project.dispose();
          await database.dispose();
        }
      });
    }
  });
}

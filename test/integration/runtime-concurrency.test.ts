import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { current } from '../../src/runtime/migrate.js';
import { DIALECTS } from '../helpers/databases.js';
import { createProject, type Project } from './runtime-fixture.js';

const run = promisify(execFile);
const CHILDREN = 8;
const REVISIONS = ['c0c000000001', 'c0c000000002', 'c0c000000003'];
/** Some work inside each revision, so that the runs overlap while one of them holds the lock. */
const BUSY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT count(*) FROM c';

interface ChildResult {
  readonly steps?: readonly string[];
  readonly heads?: readonly string[];
  readonly error?: string;
  readonly message?: string;
}

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: ${CHILDREN} processes upgrade at once`, () => {
    let project: Project;
    let results: ChildResult[];
    before(async () => {
      project = await createProject(dialect);
      REVISIONS.forEach((revision, i) =>
        project.write({
          revision,
          down: REVISIONS[i - 1] ?? null,
          upgrade: `op.execute(${JSON.stringify(BUSY)});\n  op.createTable('t${i}', { id: integer().primaryKey() });`,
        }),
      );
      // Loading tsx takes a moment per process: start them all at one instant after that.
      const startAt = String(Date.now() + 4000);
      const child = join(import.meta.dirname, 'runtime-child.ts');
      results = await Promise.all(
        Array.from({ length: CHILDREN }, async () => {
          const { stdout } = await run(process.execPath, ['--import', 'tsx', child, project.versions, project.db.url, 'head', startAt]).catch(
            (error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }),
          );
          return JSON.parse(stdout) as ChildResult;
        }),
      );
    });
    after(() => project.dispose());

    test('every run succeeds and each revision is applied exactly once', () => {
      assert.deepEqual(results.filter((r) => r.error !== undefined), []);
      const applied = results.flatMap((r) => r.steps ?? []).sort();
      assert.deepEqual(applied, REVISIONS);
      assert.ok(results.every((r) => r.heads?.[0] === REVISIONS[2]));
    });

    test('history shows one row per revision and the version table is at head', async () => {
      const rows = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
      assert.deepEqual(rows.map((r) => [r.revision, r.direction, r.status]), REVISIONS.map((r) => [r, 'up', 'finished']));
      assert.deepEqual((await current(project.ctx())).heads, [REVISIONS[2]]);
    });
  });
}

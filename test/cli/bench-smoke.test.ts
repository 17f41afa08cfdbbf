/**
 * `npm run bench` end to end at the smallest sizes, once per scenario, on both dialects,
 * without Alembic. It checks that every scenario produces result rows, not how fast they
 * are: benchmarks are never timed tests. Needs the build (dist/), like the other CLI tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PG_URL } from '../helpers/databases.js';
import { REPO_ROOT } from '../helpers/cli-project.js';

interface BenchRow {
  readonly scenario: string;
  readonly tool: string;
  readonly op: string;
  readonly dialect: string | null;
  readonly medianMs: number;
  readonly statements: number | null;
  readonly note?: string;
}

interface BenchResults {
  readonly rows: readonly BenchRow[];
  readonly failures: readonly { readonly scenario: string; readonly what: string; readonly error: string }[];
  readonly targets: readonly { readonly target: string }[];
  readonly skipped: readonly { readonly scenario: string; readonly why: string }[];
}

/** B2 runs the shared baseline's own floor queries, which a clone without ../shared lacks. */
const SHARED_FLOOR = join(process.env['SHARED_BENCH_DIR'] ?? join(REPO_ROOT, '..', 'shared', 'bench'), 'b2_sqlite.sql');

describe('npm run bench at the smallest sizes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alembic-ts-bench-smoke-'));
  let status: number | null = null;
  let stdout = '';
  let stderr = '';
  let results: BenchResults;

  before(() => {
    const out = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'bench', 'run.mjs'),
        ...['--scenario', 'all', '--b1-sizes', '20', '--b3-sizes', '5', '--b4-sizes', '5', '--dialects', 'sqlite,pg'],
        ...['--runs', '1', '--warmup', '0', '--inproc-repeat', '1', '--no-hyperfine'],
        ...['--pg-url', PG_URL, '--db-tag', `smoke${process.pid}`, '--work', join(dir, 'work'), '--out', join(dir, 'results.json')],
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    status = out.status;
    stdout = out.stdout;
    stderr = out.stderr;
    results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('finishes without a failure and exits 0', () => {
    assert.deepEqual(results.failures, [], stderr);
    assert.equal(status, 0, stderr);
  });

  test('produces an alembic-ts row for every scenario that times alembic-ts, on both dialects', () => {
    for (const scenario of ['b1', 'b3', 'b4', 'b5']) {
      for (const dialect of ['sqlite', 'pg']) {
        const rows = results.rows.filter((r) => r.scenario === scenario && r.tool === 'alembic-ts' && r.dialect === dialect);
        assert.ok(rows.length > 0, `no ${scenario} ${dialect} row`);
        for (const row of rows) assert.ok(row.medianMs > 0, `${scenario} ${row.op} has no time`);
      }
    }
    const floors = results.rows.filter((r) => r.scenario === 'b2' && r.op === 'catalog-inproc');
    if (existsSync(SHARED_FLOOR)) {
      assert.deepEqual(floors.map((r) => r.dialect).sort(), ['pg', 'sqlite']);
    } else {
      assert.deepEqual(floors, []);
      assert.equal(results.skipped.length, 1);
      assert.match(results.skipped[0]!.why, /shared floor queries are missing .*b2_sqlite\.sql/);
    }
  });

  test('B1 finds exactly the 15 model changes and counts the statements of check', () => {
    const autogenerate = results.rows.filter((r) => r.scenario === 'b1' && r.tool === 'alembic-ts' && r.op === 'autogenerate');
    assert.equal(autogenerate.length, 2);
    for (const row of autogenerate) assert.equal(row.note, 'found addColumn 5, alterColumn 5, dropIndex 5');
    const checks = results.rows.filter((r) => r.scenario === 'b1' && r.op === 'check');
    for (const row of checks) assert.ok((row.statements ?? 0) > 0, `${row.dialect} check counted no statements`);
  });

  test('prints the markdown report with the targets', () => {
    assert.match(stdout, /## Benchmark results/);
    assert.match(stdout, /### Targets/);
    assert.ok(results.targets.length > 0);
  });
});

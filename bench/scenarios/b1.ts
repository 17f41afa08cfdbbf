/**
 * B1: `check` and `revision --autogenerate` against a live database of N tables, after 15
 * model changes (5 added columns, 5 dropped indexes, 5 type changes). Whole commands are
 * timed; a second, in-process timer measures introspect + compare alone (as
 * shared/bench/b1_inproc.py does for Alembic's compare_metadata). Each tool's first run is a
 * validation: it must find exactly the 15 changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import { EXPECTED_ALEMBIC_OPS, EXPECTED_OPS } from '../generate/schema.js';
import type { AlembicProject } from '../harness/alembic-project.js';
import type { DialectName } from '../harness/databases.js';
import { run } from '../harness/shell.js';
import { countAlembicStatements, countTsStatements } from '../harness/statement-count.js';
import type { TsProject } from '../harness/ts-project.js';
import { PYTHON, SHARED_BENCH_DIR } from '../paths.js';
import type { Collector } from '../report/collector.js';
import { rowName, type Row } from '../report/result.js';
import { timeGroup, type Planned } from './planned.js';
import { alembicFixture, formatOps, sameOps, takeNewRevision, tsFixture, upgradeOps, type B1Fixture } from './b1-setup.js';

const AUTOGENERATE = ['revision', '--autogenerate', '-m', 'x'];

function timingDefaults(n: number): { runs: number; warmup: number; repeat: number } {
  if (n >= 2000) return { runs: 3, warmup: 1, repeat: 3 };
  if (n >= 500) return { runs: 5, warmup: 1, repeat: 4 };
  return { runs: 10, warmup: 2, repeat: 6 };
}

function opsNote(found: Record<string, number>, expected: Readonly<Record<string, number>>): string {
  return sameOps(found, expected) ? `found ${formatOps(found)}` : `WRONG OPS: found ${formatOps(found)}, expected ${formatOps(expected)}`;
}

function planTs(ctx: BenchContext, fixture: B1Fixture<TsProject>, dialect: DialectName, n: number): Planned[] {
  const { project } = fixture;
  const check = project.run(['check'], { allowFailure: true });
  if (check.status !== 1) {
    throw new Error(`alembic-ts check exited with ${check.status} (expected 1: the models differ)\n${check.stderr || check.stdout}`);
  }
  project.run(AUTOGENERATE);
  const common = { scenario: 'b1', tool: 'alembic-ts', dialect, size: n, unit: 'tables' } as const;
  const autogenName = rowName({ ...common, op: 'autogenerate' });
  const revision = takeNewRevision(project.versionsDir, '.ts', join(ctx.rawDir, `${autogenName}-revision.ts.txt`));
  const note = opsNote(upgradeOps(revision, /export async function upgrade/, /export async function downgrade/), EXPECTED_OPS);
  const checkName = rowName({ ...common, op: 'check' });
  const checkCount = countTsStatements(project.dir, ['check'], join(ctx.rawDir, `${checkName}.statements.json`));
  const autogenCount = countTsStatements(project.dir, AUTOGENERATE, join(ctx.rawDir, `${autogenName}.statements.json`));
  takeNewRevision(project.versionsDir, '.ts', join(ctx.rawDir, `${autogenName}-revision-counted.ts.txt`));
  return [
    {
      command: { name: checkName, command: project.command('check'), cwd: project.dir, allowExitCodes: [1] },
      base: { ...common, op: 'check', alembicOp: 'autogenerate', what: 'check', statements: checkCount.statements },
    },
    {
      command: {
        name: autogenName,
        command: project.command('revision --autogenerate -m x'),
        cwd: project.dir,
        prepare: 'rm -f migrations/versions/*.ts',
      },
      base: { ...common, op: 'autogenerate', what: 'revision --autogenerate', statements: autogenCount.statements, note },
    },
  ];
}

function planAlembic(ctx: BenchContext, fixture: B1Fixture<AlembicProject>, dialect: DialectName, n: number): Planned[] {
  const { project } = fixture;
  const common = { scenario: 'b1', tool: 'alembic', dialect, size: n, unit: 'tables', op: 'autogenerate' } as const;
  const name = rowName(common);
  project.run(AUTOGENERATE);
  const revision = takeNewRevision(project.versionsDir, '.py', join(ctx.rawDir, `${name}-revision.py.txt`));
  const note = opsNote(upgradeOps(revision, /def upgrade/, /def downgrade/), EXPECTED_ALEMBIC_OPS);
  const count = countAlembicStatements(project.dir, AUTOGENERATE, join(ctx.rawDir, `${name}.statements.json`), ctx.env);
  takeNewRevision(project.versionsDir, '.py', join(ctx.rawDir, `${name}-revision-counted.py.txt`));
  return [
    {
      command: {
        name,
        command: project.command('revision --autogenerate -m x'),
        cwd: project.dir,
        prepare: 'rm -f versions/*.py; rm -rf versions/__pycache__',
      },
      base: { ...common, what: 'revision --autogenerate', statements: count.statements, note },
    },
  ];
}

interface TsInproc {
  readonly coldMs: number;
  readonly warmMedianMs: number;
  readonly warmMinMs: number;
  readonly warmMaxMs: number;
  readonly parts: { readonly introspectMs: number; readonly snapshotMs: number; readonly compareMs: number };
  readonly statements: number;
  readonly ops: Record<string, number>;
  readonly peakRssKb: number;
  readonly runs: readonly unknown[];
}

const round = (ms: number): string => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function tsInproc(ctx: BenchContext, fixture: B1Fixture<TsProject>, dialect: DialectName, n: number, repeat: number): Row {
  const { project, live } = fixture;
  const out = ctx.inproc('b1-compare.ts', [live.url, join(project.dir, 'models.ts'), String(repeat)], project.dir);
  const r = JSON.parse(out.stdout) as TsInproc;
  const base = { scenario: 'b1', tool: 'alembic-ts', dialect, size: n, unit: 'tables', op: 'compare' } as const;
  return {
    ...base,
    name: rowName(base),
    what: 'introspect + compare, in-process (warm)',
    kind: 'in-process',
    runs: Math.max(r.runs.length - 1, 1),
    medianMs: r.warmMedianMs,
    minMs: r.warmMinMs,
    maxMs: r.warmMaxMs,
    peakRssKb: r.peakRssKb,
    statements: r.statements,
    note:
      `cold ${round(r.coldMs)}; introspect ${round(r.parts.introspectMs)}, model snapshot ${round(r.parts.snapshotMs)}, ` +
      `compare ${round(r.parts.compareMs)}; ${opsNote(r.ops, EXPECTED_OPS)}`,
  };
}

interface PyInproc {
  readonly cold_s: number;
  readonly warm_median_s: number;
  readonly warm_min_s: number;
  readonly warm_max_s: number;
  readonly queries_per_compare: number;
  readonly ops: Record<string, number>;
  readonly peak_rss_kb: number;
  readonly runs: readonly unknown[];
}

function alembicInproc(ctx: BenchContext, fixture: B1Fixture<AlembicProject>, dialect: DialectName, n: number, repeat: number): Row {
  const base = { scenario: 'b1', tool: 'alembic', dialect, size: n, unit: 'tables', op: 'compare' } as const;
  const name = rowName(base);
  const script = join(SHARED_BENCH_DIR, 'b1_inproc.py');
  const models = join(fixture.project.dir, 'models.py');
  const json = join(ctx.rawDir, `${name}.json`);
  run([PYTHON, script, 'compare', fixture.live.url, models, '--repeat', String(repeat), '--json', json], { env: ctx.env });
  const r = JSON.parse(readFileSync(json, 'utf8')) as PyInproc;
  return {
    ...base,
    name,
    what: 'compare_metadata(), in-process (warm)',
    kind: 'in-process',
    runs: Math.max(r.runs.length - 1, 1),
    medianMs: r.warm_median_s * 1000,
    minMs: r.warm_min_s * 1000,
    maxMs: r.warm_max_s * 1000,
    peakRssKb: r.peak_rss_kb,
    statements: r.queries_per_compare,
    note: `cold ${round(r.cold_s * 1000)}; found ${formatOps(r.ops)}`,
  };
}

function b1Case(ctx: BenchContext, out: Collector, dialect: DialectName, n: number): void {
  const label = `${dialect} n=${n}`;
  const defaults = timingDefaults(n);
  const repeat = ctx.options.inprocRepeat ?? defaults.repeat;
  const planned: Planned[] = [];
  const ts = out.attempt('b1', `alembic-ts setup ${label}`, () => tsFixture(ctx, dialect, n));
  if (ts !== undefined) {
    ctx.log(`b1 ${label}: alembic-ts validation run and statement counts`);
    planned.push(...(out.attempt('b1', `alembic-ts check / revision --autogenerate ${label}`, () => planTs(ctx, ts, dialect, n)) ?? []));
  }
  const py = ctx.options.vsAlembic ? out.attempt('b1', `Alembic setup ${label}`, () => alembicFixture(ctx, dialect, n)) : undefined;
  if (py !== undefined) {
    ctx.log(`b1 ${label}: Alembic validation run and statement count`);
    planned.push(...(out.attempt('b1', `Alembic revision --autogenerate ${label}`, () => planAlembic(ctx, py, dialect, n)) ?? []));
  }
  timeGroup(ctx, out, 'b1', label, planned, defaults);
  if (ts !== undefined) {
    ctx.log(`b1 ${label}: alembic-ts in-process compare x${repeat}`);
    const row = out.attempt('b1', `alembic-ts in-process compare ${label}`, () => tsInproc(ctx, ts, dialect, n, repeat));
    if (row !== undefined) out.add(row);
  }
  if (py !== undefined) {
    ctx.log(`b1 ${label}: Alembic in-process compare_metadata x${repeat}`);
    const row = out.attempt('b1', `Alembic in-process compare ${label}`, () => alembicInproc(ctx, py, dialect, n, repeat));
    if (row !== undefined) out.add(row);
  }
}

export function runB1(ctx: BenchContext, out: Collector): void {
  for (const n of ctx.options.tables) for (const dialect of ctx.options.dialects) b1Case(ctx, out, dialect, n);
}

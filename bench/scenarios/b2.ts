/**
 * B2: the floor under B1. The shared bulk catalog queries (4 pg_catalog queries, or 4
 * pragma-function queries on SQLite) that fetch the whole schema at once, on B1's alembic-ts
 * live database: as a whole `psql` / `sqlite3` process, and in-process through alembic-ts's
 * own drivers (and, with --vs-alembic, through psycopg2 / Python's sqlite3 as
 * shared/bench/b2_inproc.py does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import { psqlConnectOnlyCommand, psqlFileCommand, type DialectName } from '../harness/databases.js';
import { q, run } from '../harness/shell.js';
import { PYTHON, SHARED_BENCH_DIR } from '../paths.js';
import type { Collector } from '../report/collector.js';
import { rowName, type Row, type RowBase } from '../report/result.js';
import { tsFixture, type LiveDb } from './b1-setup.js';
import { timeGroup, type Planned } from './planned.js';

const RUNS = 20;
const WARMUP = 3;

const sqlFile = (dialect: DialectName): string => join(SHARED_BENCH_DIR, dialect === 'pg' ? 'b2_catalog.sql' : 'b2_sqlite.sql');

interface InprocResult {
  readonly statements: number;
  readonly rows: readonly number[];
  readonly firstMs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

function inprocRow(base: RowBase, r: InprocResult): Row {
  return {
    ...base,
    name: rowName(base),
    kind: 'in-process',
    runs: RUNS,
    medianMs: r.medianMs,
    minMs: r.minMs,
    maxMs: r.maxMs,
    peakRssKb: null,
    statements: r.statements,
    note: `rows ${r.rows.join('/')}; first run ${r.firstMs.toFixed(1)} ms`,
  };
}

function tsDriverFloor(ctx: BenchContext, live: LiveDb, cwd: string, dialect: DialectName, n: number): Row {
  const out = ctx.inproc('b2-catalog.ts', [live.url, sqlFile(dialect), String(RUNS)], cwd);
  const base = { scenario: 'b2', tool: 'reference', dialect, size: n, unit: 'tables', op: 'catalog-inproc' } as const;
  return inprocRow({ ...base, what: 'bulk catalog queries, in-process (alembic-ts driver)' }, JSON.parse(out.stdout) as InprocResult);
}

interface PyInproc {
  readonly statements: number;
  readonly rows: readonly number[];
  readonly first_s: number;
  readonly median_s: number;
  readonly min_s: number;
  readonly max_s: number;
}

function pythonDriverFloor(ctx: BenchContext, live: LiveDb, dialect: DialectName, n: number): Row {
  const base = { scenario: 'b2', tool: 'reference', dialect, size: n, unit: 'tables', op: 'catalog-inproc-python' } as const;
  const json = join(ctx.rawDir, `${rowName(base)}.json`);
  const target =
    dialect === 'pg'
      ? ['pg', `dbname=${live.pgDatabase} host=${ctx.pg.host} port=${ctx.pg.port} user=${ctx.pg.user}`]
      : ['sqlite', live.sqlitePath!];
  const script = join(SHARED_BENCH_DIR, 'b2_inproc.py');
  run([PYTHON, script, ...target, sqlFile(dialect), '--repeat', String(RUNS), '--json', json], { env: ctx.env });
  const r = JSON.parse(readFileSync(json, 'utf8')) as PyInproc;
  const what = `bulk catalog queries, in-process (${dialect === 'pg' ? 'psycopg2' : 'Python sqlite3'})`;
  return inprocRow(
    { ...base, what },
    { statements: r.statements, rows: r.rows, firstMs: r.first_s * 1000, medianMs: r.median_s * 1000, minMs: r.min_s * 1000, maxMs: r.max_s * 1000 },
  );
}

function processCommands(ctx: BenchContext, live: LiveDb, cwd: string, dialect: DialectName, n: number): Planned[] {
  const common = { scenario: 'b2', tool: 'reference', dialect, size: n, unit: 'tables' } as const;
  if (dialect === 'sqlite') {
    const base = { ...common, op: 'catalog', what: 'sqlite3 < b2_sqlite.sql (process)' };
    const command = `sqlite3 ${q(live.sqlitePath!)} < ${q(sqlFile(dialect))} > /dev/null`;
    return [{ command: { name: rowName(base), command, cwd }, base }];
  }
  const catalog = { ...common, op: 'catalog', what: 'psql -f b2_catalog.sql (process)' };
  const connect = { ...common, op: 'connect', what: "psql -c 'select 1' (start + connect only)" };
  return [
    { command: { name: rowName(catalog), command: psqlFileCommand(ctx.pg, live.pgDatabase!, sqlFile(dialect)), cwd }, base: catalog },
    { command: { name: rowName(connect), command: psqlConnectOnlyCommand(ctx.pg, live.pgDatabase!), cwd }, base: connect },
  ];
}

function b2Case(ctx: BenchContext, out: Collector, dialect: DialectName, n: number): void {
  const label = `${dialect} n=${n}`;
  const fixture = out.attempt('b2', `live database ${label}`, () => tsFixture(ctx, dialect, n));
  if (fixture === undefined) return;
  const { live, project } = fixture;
  const planned = processCommands(ctx, live, project.dir, dialect, n);
  timeGroup(ctx, out, 'b2', label, planned, { runs: RUNS, warmup: WARMUP });
  const ts = out.attempt('b2', `in-process floor (alembic-ts driver) ${label}`, () => tsDriverFloor(ctx, live, project.dir, dialect, n));
  if (ts !== undefined) out.add(ts);
  if (ctx.options.vsAlembic) {
    const py = out.attempt('b2', `in-process floor (Python driver) ${label}`, () => pythonDriverFloor(ctx, live, dialect, n));
    if (py !== undefined) out.add(py);
  }
}

/** The floor is the shared baseline's own queries: without that folder there is nothing to run. */
export function runB2(ctx: BenchContext, out: Collector): void {
  const missing = ctx.options.dialects.map(sqlFile).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    out.skip('b2', `the shared floor queries are missing (${missing.join(', ')}); set SHARED_BENCH_DIR to ../shared/bench`);
    return;
  }
  for (const n of ctx.options.tables) for (const dialect of ctx.options.dialects) b2Case(ctx, out, dialect, n);
}

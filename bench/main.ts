/**
 * `npm run bench`: runs the chosen scenarios one after another (never two at once: the
 * machine has 2 cores), prints the markdown report and saves it with the raw rows as JSON.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createContext, type BenchContext } from './context.js';
import { pgDrop, pgReachable } from './harness/databases.js';
import { hasCommand, run } from './harness/shell.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { CLI, PYTHON, RESULTS_DIR, SHARED_BENCH_DIR } from './paths.js';
import { Collector } from './report/collector.js';
import { renderMarkdown } from './report/markdown.js';
import type { ScenarioId } from './report/result.js';
import { evaluateTargets } from './report/targets.js';
import { runB1 } from './scenarios/b1.js';
import { runB2 } from './scenarios/b2.js';
import { runB3 } from './scenarios/b3.js';
import { runB4 } from './scenarios/b4.js';
import { runB5 } from './scenarios/b5.js';

const SCENARIO_RUNNERS: Record<ScenarioId, (ctx: BenchContext, out: Collector) => void> = {
  b1: runB1,
  b2: runB2,
  b3: runB3,
  b4: runB4,
  b5: runB5,
};

function preflight(ctx: BenchContext): void {
  const { options } = ctx;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  if (options.dialects.includes('pg') && !pgReachable(ctx.pg)) {
    throw new Error(`PostgreSQL at ${ctx.pg.host}:${ctx.pg.port} does not answer (set --pg-url or PG_URL, or --dialects sqlite)`);
  }
  if (options.vsAlembic) {
    const probe = run([PYTHON, '-c', 'import alembic, sqlalchemy, psycopg2'], { allowFailure: true });
    if (probe.status !== 0) {
      throw new Error(`--vs-alembic needs Python Alembic: apt-get install -y python3-alembic python3-sqlalchemy python3-psycopg2\n${probe.stderr}`);
    }
    if (!existsSync(join(SHARED_BENCH_DIR, 'gen_schema.py'))) throw new Error(`--vs-alembic needs the shared Alembic baseline in ${SHARED_BENCH_DIR}`);
  }
  if (options.hyperfine && !hasCommand('hyperfine')) ctx.log('hyperfine not found: timing with the Node loop');
  if (!existsSync('/usr/bin/time')) ctx.log('GNU time (/usr/bin/time) not found: no peak RSS');
}

function firstLine(argv: readonly string[]): string {
  // A missing program (spawn ENOENT) throws even with allowFailure; the report only names it.
  if (!hasCommand(argv[0]!)) return `${argv[0]} unavailable`;
  const out = run(argv, { allowFailure: true });
  return out.status === 0 ? out.stdout.trim().split('\n')[0]! : `${argv[0]} unavailable`;
}

function machine(ctx: BenchContext): string[] {
  const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  const o = ctx.options;
  const timing = o.interleave || !o.hyperfine || !hasCommand('hyperfine')
    ? `Node loop${o.interleave ? ', the commands of a comparison alternating run by run' : ''}`
    : "hyperfine, a comparison's commands back to back in one call";
  const lines = [
    `date ${new Date().toISOString()}; ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs (nproc); memory ${gib(totalmem())} total, ${gib(freemem())} free; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `node ${process.version}; ${firstLine(['hyperfine', '--version'])}; sqlite3 CLI ${firstLine(['sqlite3', '--version']).split(' ')[0]}`,
  ];
  if (ctx.options.dialects.includes('pg')) {
    lines.push(firstLine(['psql', '-X', '-Atc', 'select version()', '-h', ctx.pg.host, '-p', String(ctx.pg.port), '-U', ctx.pg.user, '-d', 'postgres']).replace(/ on .*/, ''));
  }
  if (ctx.options.vsAlembic) {
    lines.push(firstLine([PYTHON, '-c', 'import sys, alembic, sqlalchemy; print("python", sys.version.split()[0], "alembic", alembic.__version__, "sqlalchemy", sqlalchemy.__version__)']));
  }
  lines.push(
    `timing: ${timing}; peak RSS: ${existsSync('/usr/bin/time') ? 'GNU time %M' : 'not measured'}`,
    `scenarios ${o.scenarios.join(',')}; dialects ${o.dialects.join(',')}; B1/B2 tables ${o.tables.join(',')}; B3 revisions ${o.upgradeRevisions.join(',')}; B4 revisions ${o.trivialRevisions.join(',')}` +
      (o.runs === null ? '' : `; runs ${o.runs}`) +
      (o.warmup === null ? '' : `; warm-up ${o.warmup}`),
  );
  return lines;
}

function save(options: BenchOptions, json: unknown, markdown: string): string {
  const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\..*/, '');
  const out = options.out ?? join(RESULTS_DIR, `bench-${stamp}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(json, null, 1) + '\n');
  writeFileSync(out.replace(/\.json$/, '') + '.md', markdown + '\n');
  if (options.out === null) {
    writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(json, null, 1) + '\n');
    writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown + '\n');
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  // As shared/bench/lib.sh: measure Python with its default bytecode cache, which some
  // sandboxes switch off.
  delete process.env['PYTHONDONTWRITEBYTECODE'];
  const ctx = createContext(options);
  try {
    preflight(ctx);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  const out = new Collector();
  const started = Date.now();
  try {
    for (const scenario of options.scenarios) {
      ctx.log(`=== ${scenario.toUpperCase()} ===`);
      SCENARIO_RUNNERS[scenario](ctx, out);
    }
  } finally {
    if (!options.keepDatabases) for (const name of ctx.createdDatabases) pgDrop(ctx.pg, name);
  }
  const targets = evaluateTargets(out.rows, options);
  const report = { machine: machine(ctx), rows: out.rows, targets, failures: out.failures, skipped: out.skipped };
  const markdown = renderMarkdown(report);
  process.stdout.write(markdown + '\n');
  const path = save(options, { ...report, options, seconds: (Date.now() - started) / 1000 }, markdown);
  ctx.log(`saved ${path} (and .md) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out.failures.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

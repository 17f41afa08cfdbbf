/** `npm run bench -- [flags]`: which scenarios, sizes and dialects, and how many runs. */
import { parseArgs } from 'node:util';
import type { DialectName } from './harness/databases.js';
import { SCENARIOS, type ScenarioId } from './report/result.js';

export interface BenchOptions {
  readonly scenarios: readonly ScenarioId[];
  /** B1 and B2: tables. */
  readonly tables: readonly number[];
  /** B3: revisions in the `ops` chain. */
  readonly upgradeRevisions: readonly number[];
  /** B4: revisions in the `trivial` chain. */
  readonly trivialRevisions: readonly number[];
  readonly dialects: readonly DialectName[];
  readonly vsAlembic: boolean;
  /** Overrides the per-size defaults when set. */
  readonly runs: number | null;
  readonly warmup: number | null;
  /** How many compares each in-process timer runs (the first is the cold one). */
  readonly inprocRepeat: number | null;
  readonly pgUrl: string;
  readonly work: string;
  readonly out: string | null;
  readonly hyperfine: boolean;
  /** Alternate the two tools' runs (Node loop) instead of hyperfine's one block per command. */
  readonly interleave: boolean;
  readonly keepDatabases: boolean;
  /** Goes into every database name, so that two runs on one server do not collide. */
  readonly databaseTag: string | null;
}

export const USAGE = `usage: npm run bench -- [flags]

  --scenario LIST      b1,b2,b3,b4,b5 or all (default all)
  --sizes LIST         sizes for every chosen scenario (tables for b1/b2, revisions for b3/b4)
  --b1-sizes LIST      tables for B1 and B2 (default 100,500,2000)
  --b3-sizes LIST      revisions for B3 (default 200,1000)
  --b4-sizes LIST      revisions for B4 (default 1000,5000)
  --dialects LIST      sqlite,pg (default both)
  --vs-alembic         also run Python Alembic 1.8.1 on the same scenarios and print the ratios
  --runs N             timed runs per command (default: by size, as in ../shared/bench)
  --warmup N           warm-up runs per command
  --inproc-repeat N    compares per in-process timer (default 6, 4 from 500 tables, 3 from 2000)
  --pg-url URL         server for the bench_* databases (default $PG_URL or
                       postgres://postgres@127.0.0.1:5432/postgres)
  --work DIR           generated projects and SQLite files (default /tmp/alembic-ts-bench)
  --out FILE           JSON results (default bench/results/bench-<time>.json, and latest.json/.md)
  --no-hyperfine       time with the built-in Node loop even when hyperfine is installed
  --interleave         Node loop, alternating the commands of a comparison run by run (fairer
                       on a machine whose load changes during the run)
  --keep-databases     leave the bench_* PostgreSQL databases in place
  --db-tag TAG         name databases bench_TAG_* (lowercase letters, digits, _)
`;

function sizeList(value: string | undefined, fallback: readonly number[], flag: string): readonly number[] {
  if (value === undefined) return fallback;
  const sizes = value.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${flag} expects positive integers, got "${value}"`);
  return sizes;
}

function count(value: string | undefined, flag: string, min: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} expects an integer >= ${min}, got "${value}"`);
  return n;
}

function scenarioList(values: readonly string[]): readonly ScenarioId[] {
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  if (names.length === 0 || names.includes('all')) return SCENARIOS;
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario "${name}" (use ${SCENARIOS.join(', ')} or all)`);
  }
  return SCENARIOS.filter((s) => names.includes(s));
}

function dialectList(value: string | undefined): readonly DialectName[] {
  if (value === undefined) return ['sqlite', 'pg'];
  const names = value.split(',').map((v) => v.trim().toLowerCase().replace(/^postgres(ql)?$/, 'pg'));
  for (const name of names) if (name !== 'sqlite' && name !== 'pg') throw new Error(`unknown dialect "${name}" (use sqlite, pg)`);
  return names as DialectName[];
}

function databaseTag(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^[a-z0-9_]{1,30}$/.test(value)) throw new Error(`--db-tag expects lowercase letters, digits and _, got "${value}"`);
  return value;
}

/** Returns null when --help was asked for. */
export function parseOptions(argv: readonly string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      scenario: { type: 'string', multiple: true },
      sizes: { type: 'string' },
      'b1-sizes': { type: 'string' },
      'b3-sizes': { type: 'string' },
      'b4-sizes': { type: 'string' },
      dialects: { type: 'string' },
      'vs-alembic': { type: 'boolean', default: false },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'inproc-repeat': { type: 'string' },
      'pg-url': { type: 'string' },
      work: { type: 'string' },
      out: { type: 'string' },
      'no-hyperfine': { type: 'boolean', default: false },
      interleave: { type: 'boolean', default: false },
      'keep-databases': { type: 'boolean', default: false },
      'db-tag': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const common = values.sizes;
  return {
    scenarios: scenarioList(values.scenario ?? []),
    tables: sizeList(values['b1-sizes'] ?? common, [100, 500, 2000], '--b1-sizes'),
    upgradeRevisions: sizeList(values['b3-sizes'] ?? common, [200, 1000], '--b3-sizes'),
    trivialRevisions: sizeList(values['b4-sizes'] ?? common, [1000, 5000], '--b4-sizes'),
    dialects: dialectList(values.dialects),
    vsAlembic: values['vs-alembic'],
    runs: count(values.runs, '--runs', 1),
    warmup: count(values.warmup, '--warmup', 0),
    inprocRepeat: count(values['inproc-repeat'], '--inproc-repeat', 1),
    pgUrl: values['pg-url'] ?? process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    work: values.work ?? '/tmp/alembic-ts-bench',
    out: values.out ?? null,
    hyperfine: !values['no-hyperfine'],
    interleave: values.interleave,
    keepDatabases: values['keep-databases'],
    databaseTag: databaseTag(values['db-tag']),
  };
}

/** What every scenario gets: the options, the PostgreSQL server, timing settings, a log. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.js';
import { parsePgServer, pgEnv, pgRecreate, type PgServer } from './harness/databases.js';
import type { MeasureSettings } from './harness/measure.js';
import { run, type RunResult } from './harness/shell.js';
import type { BenchOptions } from './options.js';

export interface BenchContext {
  readonly options: BenchOptions;
  readonly pg: PgServer;
  /** Environment for every timed and setup command (PGPASSWORD when the URL has one). */
  readonly env: NodeJS.ProcessEnv;
  readonly rawDir: string;
  /** A scenario's folder under the work folder, created. */
  workDir(...parts: string[]): string;
  /** Timing settings: the size's defaults unless --runs/--warmup were given. */
  settings(runs: number, warmup: number): MeasureSettings;
  /** `bench_[<tag>_]<base>`: every database the bench makes is named so, and only those are dropped. */
  databaseName(base: string): string;
  /** Recreates a bench_* database and remembers it for the cleanup at the end. */
  recreateDatabase(name: string): void;
  readonly createdDatabases: ReadonlySet<string>;
  /** Runs a bench/inproc/*.ts script in a fresh node process (TypeScript through tsx). */
  inproc(script: string, args: readonly string[], cwd: string): RunResult;
  log(message: string): void;
}

export function createContext(options: BenchOptions): BenchContext {
  const pg = parsePgServer(options.pgUrl);
  const env = pgEnv(pg);
  const rawDir = join(options.work, 'raw');
  mkdirSync(rawDir, { recursive: true });
  const created = new Set<string>();
  // The harness itself runs under tsx, so this resolves to the repository's tsx loader.
  const tsx = import.meta.resolve('tsx');
  return {
    options,
    pg,
    env,
    rawDir,
    workDir(...parts) {
      const dir = join(options.work, ...parts);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    settings(runs, warmup) {
      return {
        runs: options.runs ?? runs,
        warmup: options.warmup ?? warmup,
        rawDir,
        env,
        hyperfine: options.hyperfine,
        interleave: options.interleave,
      };
    },
    databaseName(base) {
      return `bench_${options.databaseTag === null ? '' : `${options.databaseTag}_`}${base}`;
    },
    recreateDatabase(name) {
      pgRecreate(pg, name);
      created.add(name);
    },
    createdDatabases: created,
    inproc(script, args, cwd) {
      return run([process.execPath, '--import', tsx, join(BENCH_DIR, 'inproc', script), ...args], { cwd, env });
    },
    log(message) {
      process.stderr.write(`[bench] ${message}\n`);
    },
  };
}

/**
 * Statement counts: one extra, untimed run of a command with every SQL statement counted,
 * by the driver-level hook for alembic-ts and by a SQLAlchemy event for Alembic, so both
 * tools are counted at the same layer (each statement sent to the database once).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { CLI, COUNT_HOOK, PY_COUNT_WRAPPER, PYTHON, REPO_ROOT } from '../paths.js';
import { run } from './shell.js';

export interface StatementCount {
  readonly statements: number;
  /** Statement kinds (first words and FROM table), most frequent first. */
  readonly kinds: readonly (readonly [string, number])[];
}

function read(logPath: string, what: string): StatementCount {
  if (!existsSync(logPath)) throw new Error(`no statement count was written for ${what}`);
  return JSON.parse(readFileSync(logPath, 'utf8')) as StatementCount;
}

/** `node --import hooks/count-statements.mjs dist/cli/main.js ARGS` in `cwd`. */
export function countTsStatements(cwd: string, args: readonly string[], logPath: string): StatementCount {
  rmSync(logPath, { force: true });
  run([process.execPath, '--import', COUNT_HOOK, CLI, ...args], {
    cwd,
    env: { NO_COLOR: '1', BENCH_PACKAGE_ROOT: REPO_ROOT, BENCH_STATEMENT_LOG: logPath },
    allowFailure: true,
  });
  return read(logPath, `alembic-ts ${args.join(' ')} in ${cwd}`);
}

/** `python3 python/count_statements.py ARGS` in `cwd` (Alembic's own CLI entry, counted). */
export function countAlembicStatements(cwd: string, args: readonly string[], logPath: string, env: NodeJS.ProcessEnv): StatementCount {
  rmSync(logPath, { force: true });
  run([PYTHON, PY_COUNT_WRAPPER, ...args], { cwd, env: { ...env, BENCH_STATEMENT_LOG: logPath }, allowFailure: true });
  return read(logPath, `alembic ${args.join(' ')} in ${cwd}`);
}

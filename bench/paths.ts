/** Where things are: this repository, its built CLI, the shared Alembic baseline, the tools. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(BENCH_DIR, '..');
export const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
export const DIST = join(REPO_ROOT, 'dist');
export const TEMPLATE_DIR = join(REPO_ROOT, 'migrations-template', 'generic');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const COUNT_HOOK = join(BENCH_DIR, 'hooks', 'count-statements.mjs');
export const PY_COUNT_WRAPPER = join(BENCH_DIR, 'python', 'count_statements.py');
export const PY_CREATE_LIVE = join(BENCH_DIR, 'python', 'create_live.py');

/** The Alembic baseline's scripts: its generators, in-process timers and bulk catalog SQL. */
export const SHARED_BENCH_DIR = process.env['SHARED_BENCH_DIR'] ?? resolve(REPO_ROOT, '..', 'shared', 'bench');

/** Debian's interpreter, where python3-alembic lives; never a pyenv python first on PATH. */
export const PYTHON = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3';
export const GNU_TIME = '/usr/bin/time';

/**
 * The Python Alembic side, built exactly as ../shared/bench/lib.sh's `mkproject` builds it
 * (`alembic init`, script_location and URL in alembic.ini, env.py importing models.py with
 * compare_type=True), filled by the shared Python generators so Alembic reads its own
 * format of the same schema and chains.
 */
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { PY_CREATE_LIVE, PYTHON, SHARED_BENCH_DIR } from '../paths.js';
import { run, type RunResult } from './shell.js';

export const ALEMBIC = `${PYTHON} -m alembic`;

export interface AlembicProject {
  readonly dir: string;
  readonly versionsDir: string;
  command(args: string): string;
  run(args: readonly string[], options?: { readonly allowFailure?: boolean }): RunResult;
}

function patchProject(dir: string, url: string): void {
  const ini = join(dir, 'alembic.ini');
  const text = readFileSync(ini, 'utf8')
    .replace(/^script_location = .*$/m, 'script_location = %(here)s')
    .replace(/^sqlalchemy\.url = .*$/m, () => `sqlalchemy.url = ${url.replaceAll('%', '%%')}`);
  writeFileSync(ini, text);
  const envPy = join(dir, 'env.py');
  const env = readFileSync(envPy, 'utf8')
    .replace(
      'target_metadata = None',
      'try:\n    from models import metadata as target_metadata\nexcept ImportError:\n    target_metadata = None',
    )
    .replaceAll('target_metadata=target_metadata', 'target_metadata=target_metadata, compare_type=True');
  writeFileSync(envPy, env);
}

export function createAlembicProject(dir: string, url: string, env: NodeJS.ProcessEnv): AlembicProject {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  run([PYTHON, '-m', 'alembic', '-c', join(dir, 'alembic.ini'), 'init', dir]);
  patchProject(dir, url);
  return {
    dir,
    versionsDir: join(dir, 'versions'),
    command: (args) => `${ALEMBIC} ${args}`,
    run: (args, options = {}) => run([PYTHON, '-m', 'alembic', ...args], { cwd: dir, env, allowFailure: options.allowFailure ?? false }),
  };
}

/** gen_schema.py N base|modified OUT.py */
export function generatePythonModels(n: number, variant: 'base' | 'modified', out: string): void {
  run([PYTHON, join(SHARED_BENCH_DIR, 'gen_schema.py'), String(n), variant, out]);
}

/** gen_chain.py R ops|trivial VERSIONS_DIR; returns the head revision id it prints. */
export function generatePythonChain(count: number, kind: 'ops' | 'trivial', versionsDir: string): string {
  return run([PYTHON, join(SHARED_BENCH_DIR, 'gen_chain.py'), String(count), kind, versionsDir]).stdout.trim();
}

/** python/create_live.py URL MODELS.py: the live database from the base models (SQLAlchemy create_all). */
export function createPythonLiveDb(url: string, models: string, env: NodeJS.ProcessEnv): void {
  run([PYTHON, PY_CREATE_LIVE, url, models], { env });
}

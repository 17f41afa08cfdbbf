/**
 * An alembic-ts project as a user has it after `init`: alembic.config.json, migrations/ from
 * the generic template, and `alembic-ts` resolving (through node_modules) to this
 * repository's build, so the timed command is the built CLI a user would run.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT, TEMPLATE_DIR } from '../paths.js';
import { q, run, type RunResult } from './shell.js';

export interface TsProject {
  readonly dir: string;
  readonly versionsDir: string;
  /** The CLI command line to time, run in `dir`. */
  command(args: string): string;
  /** Runs the CLI once (setup or validation, not timed). */
  run(args: readonly string[], options?: { readonly allowFailure?: boolean }): RunResult;
}

export interface TsProjectOptions {
  readonly url: string;
  /** Models module, relative to the project (B1 only). */
  readonly models?: string;
}

export function createTsProject(dir: string, options: TsProjectOptions): TsProject {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'alembic-ts'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-project', private: true, type: 'module' }, null, 2));
  const migrations = join(dir, 'migrations');
  cpSync(TEMPLATE_DIR, migrations, { recursive: true });
  const versionsDir = join(migrations, 'versions');
  mkdirSync(versionsDir, { recursive: true });
  const config = { scriptLocation: 'migrations', url: options.url, ...(options.models === undefined ? {} : { models: options.models }) };
  writeFileSync(join(dir, 'alembic.config.json'), JSON.stringify(config, null, 2) + '\n');
  return {
    dir,
    versionsDir,
    command: (args) => `${q(process.execPath)} ${q(CLI)} ${args}`,
    run: (args, runOptions = {}) =>
      run([process.execPath, CLI, ...args], { cwd: dir, env: { NO_COLOR: '1' }, allowFailure: runOptions.allowFailure ?? false }),
  };
}

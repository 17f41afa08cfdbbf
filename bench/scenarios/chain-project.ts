/**
 * Projects over a revision chain (B3, B4) or over none (B5), for either tool, behind one
 * shape: the CLI command to time, a setup run, a statement-counted run, and the database
 * reset as a shell command (a hyperfine --prepare).
 */
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import { writeChain, type ChainKind } from '../generate/chain.js';
import { createAlembicProject, generatePythonChain } from '../harness/alembic-project.js';
import { pgRecreateCommand, pgUrl, sqliteResetCommand, sqliteUrl, type DialectName } from '../harness/databases.js';
import { q, type RunResult } from '../harness/shell.js';
import { countAlembicStatements, countTsStatements } from '../harness/statement-count.js';
import { createTsProject } from '../harness/ts-project.js';
import type { Tool } from '../report/result.js';

/** What B3, B4 and B5 need of either tool's project. */
export interface ChainProject {
  readonly tool: Tool;
  readonly dir: string;
  command(args: string): string;
  run(args: readonly string[], options?: { readonly allowFailure?: boolean }): RunResult;
  count(args: readonly string[], logPath: string): number;
  /** Resets the database to empty, as a shell command (a hyperfine --prepare). */
  readonly reset: string;
}

export interface ChainDb {
  readonly url: string;
  readonly reset: string;
}

export function chainDb(ctx: BenchContext, dialect: DialectName, dir: string, pgName: string, driver?: string): ChainDb {
  if (dialect === 'sqlite') {
    const path = join(dir, 'db.sqlite');
    return { url: sqliteUrl(path), reset: sqliteResetCommand(path) };
  }
  ctx.recreateDatabase(pgName);
  return { url: pgUrl(ctx.pg, pgName, driver), reset: pgRecreateCommand(ctx.pg, pgName) };
}

/** A chain to generate into a new project; null for an empty project (B5). */
export type ChainSpec = { readonly kind: ChainKind; readonly count: number } | null;

export interface ChainSetup {
  readonly project: ChainProject;
  /** The head revision; null without a chain. */
  readonly head: string | null;
}

export function tsChainProject(dir: string, db: ChainDb, chain: ChainSpec): ChainSetup {
  const project = createTsProject(dir, { url: db.url });
  const head = chain === null ? null : writeChain(chain.count, chain.kind, project.versionsDir);
  return {
    head,
    project: {
      tool: 'alembic-ts',
      dir,
      command: project.command,
      run: project.run,
      count: (args, logPath) => countTsStatements(dir, args, logPath).statements,
      reset: db.reset,
    },
  };
}

export function alembicChainProject(ctx: BenchContext, dir: string, db: ChainDb, chain: ChainSpec): ChainSetup {
  const project = createAlembicProject(dir, db.url, ctx.env);
  const head = chain === null ? null : generatePythonChain(chain.count, chain.kind, project.versionsDir);
  return {
    head,
    project: {
      tool: 'alembic',
      dir,
      command: project.command,
      run: project.run,
      count: (args, logPath) => countAlembicStatements(dir, args, logPath, ctx.env).statements,
      reset: db.reset,
    },
  };
}

const REVISION_ID = /\b[0-9a-f]{12}\b/;

/** `current` must show `head` (or, with head null, no revision at all). */
export function expectCurrent(project: ChainProject, head: string | null): void {
  const out = project.run(['current']);
  const text = `${out.stdout}\n${out.stderr}`;
  const ok = head === null ? !REVISION_ID.test(out.stdout) : out.stdout.includes(head);
  if (!ok) throw new Error(`${project.tool} current after ${head === null ? 'downgrade base' : 'upgrade head'}: expected ${head ?? 'no revision'}, got:\n${text.trim()}`);
}

/** The same project run with another config file (`-c FILE`, relative to the project). */
export function withConfigFile(project: ChainProject, file: string): ChainProject {
  return {
    ...project,
    command: (args) => project.command(`-c ${q(file)} ${args}`),
    run: (args, options) => project.run(['-c', file, ...args], options),
    count: (args, logPath) => project.count(['-c', file, ...args], logPath),
  };
}

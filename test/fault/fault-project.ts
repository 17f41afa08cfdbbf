/**
 * What the fault suite drives: a fresh project around the BUILT binary (as a user's would
 * be), revision files written by hand, the CLI run to completion or started in the
 * background to be killed, and a plain connection to look at the database afterwards.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, createCliProject, type CliProject, type CliResult } from '../helpers/cli-project.js';
import type { DialectName } from '../helpers/databases.js';

/** `FAULT_SOAK=1` repeats the races and kills more times than CI can afford. */
export const SOAK = process.env['FAULT_SOAK'] === '1' || process.env['FAULT_SOAK'] === 'true';

export interface RevisionSpec {
  readonly revision: string;
  readonly down?: string | readonly string[] | null;
  readonly message?: string;
  /** The body of `upgrade(op)`. */
  readonly upgrade: string;
  readonly downgrade?: string;
  readonly transactional?: boolean;
  /** Names imported from 'alembic-ts' besides `Operations`. */
  readonly imports?: readonly string[];
}

export function revisionSource(spec: RevisionSpec): string {
  const down = spec.down ?? null;
  const downText = down === null ? 'null' : typeof down === 'string' ? `'${down}'` : `[${down.map((d) => `'${d}'`).join(', ')}]`;
  const imports = ['type Operations', ...(spec.imports ?? [])].join(', ');
  return [
    '/**',
    ` * ${spec.message ?? `revision ${spec.revision}`}`,
    ' *',
    ` * Revision ID: ${spec.revision}`,
    ` * Revises: ${down === null ? '' : typeof down === 'string' ? down : down.join(', ')}`,
    ' * Create Date: 2026-11-21 10:00:00+00:00',
    ' */',
    `import { ${imports} } from 'alembic-ts';`,
    '',
    `export const revision = '${spec.revision}';`,
    `export const downRevision: string | string[] | null = ${downText};`,
    'export const branchLabels: string[] | null = null;',
    'export const dependsOn: string[] | null = null;',
    ...(spec.transactional === false ? ['export const transactional = false;'] : []),
    '',
    'export async function upgrade(op: Operations): Promise<void> {',
    `  ${spec.upgrade}`,
    '}',
    '',
    'export async function downgrade(op: Operations): Promise<void> {',
    `  ${spec.downgrade ?? ''}`,
    '}',
    '',
  ].join('\n');
}

/** A CLI run in the background: kill it, or wait for it. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  readonly done: Promise<CliResult & { readonly signal: NodeJS.Signals | null }>;
}

export interface FaultProject extends CliProject {
  readonly url: string;
  addRevision(spec: RevisionSpec): string;
  start(...args: string[]): RunningCli;
}

/** A project whose config points at `url`, with the migrations folder `init` writes. */
export function createFaultProject(url: string, env: NodeJS.ProcessEnv = {}): FaultProject {
  const project = createCliProject(env);
  const init = project.run('init', 'migrations');
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  const written = JSON.parse(project.read('alembic.config.json')) as Record<string, unknown>;
  project.write('alembic.config.json', JSON.stringify({ ...written, url }, null, 2));
  return {
    ...project,
    url,
    addRevision(spec) {
      const path = `migrations/versions/${spec.revision}_${(spec.message ?? 'step').replace(/\W+/g, '_')}.ts`;
      project.write(path, revisionSource(spec));
      return path;
    },
    start(...args) {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: project.dir,
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ status: code ?? -1, signal, stdout, stderr }));
      });
      return { child, stderr: () => stderr, done };
    },
  };
}

import { sqlitePath, withDb } from '../helpers/db-inspect.js';

export { openDb, withDb, sqlitePath, tableNames, versionRows, historyRows, type Db, type HistoryLine } from '../helpers/db-inspect.js';

/** Polls `probe` until it returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Lines on stderr that are neither the one error line, its hint, nor progress. */
export function strayLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !/^alembic-ts: error: /.test(line) && !/^ {2}hint: /.test(line) && !/^Running (up|down)grade /.test(line));
}

/**
 * The error contract: exit code `exitCode`, nothing on stdout, and on stderr exactly one
 * `alembic-ts: error: ...` line matching `pattern`, optionally followed by one `  hint:` line.
 * Returns the error line.
 */
export function assertOneError(result: CliResult, exitCode: number, pattern: RegExp): string {
  const context = `exit ${result.status}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  assert.equal(result.status, exitCode, context);
  assert.equal(result.stdout, '', context);
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  assert.ok(lines.length === 1 || (lines.length === 2 && /^ {2}hint: \S/.test(lines[1]!)), context);
  const error = lines[0]!;
  assert.match(error, /^alembic-ts: error: \S/, context);
  assert.match(error, pattern, context);
  return error;
}

/**
 * Everything a failed command could have touched: on SQLite the file's bytes (or its
 * absence), on PostgreSQL the public schema's tables, columns and indexes with the version
 * and history rows.
 */
export async function fingerprint(dialect: DialectName, url: string): Promise<string> {
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    const journal = existsSync(`${path}-journal`) ? ' + journal' : '';
    return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') + journal : `no file${journal}`;
  }
  return withDb(dialect, url, async (db) => {
    const columns = await db.query(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
    );
    const indexes = await db.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
    const tracked = columns.some((c) => c['table_name'] === 'alembic_ts_history');
    const history = tracked ? await db.query('SELECT * FROM alembic_ts_history ORDER BY id') : [];
    const versions = tracked ? await db.query('SELECT * FROM alembic_version ORDER BY 1') : [];
    return JSON.stringify({ columns, indexes, history, versions });
  });
}

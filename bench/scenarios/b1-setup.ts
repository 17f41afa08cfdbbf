/**
 * B1's fixtures, shared with B2: per dialect and size, a live database holding the `base`
 * schema and a project whose models are the `modified` schema, once in alembic-ts's format
 * and once (for --vs-alembic) in Alembic's, each tool building its own live database with
 * its own library (createAll / SQLAlchemy create_all), as a user of that tool would.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import {
  createAlembicProject,
  createPythonLiveDb,
  generatePythonModels,
  type AlembicProject,
} from '../harness/alembic-project.js';
import { pgUrl, sqliteUrl, type DialectName } from '../harness/databases.js';
import { createTsProject, type TsProject } from '../harness/ts-project.js';
import { renderModels } from '../generate/schema.js';

export interface LiveDb {
  readonly url: string;
  /** The SQLite file, or null on PostgreSQL. */
  readonly sqlitePath: string | null;
  /** The PostgreSQL database, or null on SQLite. */
  readonly pgDatabase: string | null;
}

export interface B1Fixture<P> {
  readonly project: P;
  readonly live: LiveDb;
}

const caseDir = (ctx: BenchContext, dialect: DialectName, n: number): string => ctx.workDir('b1', `${dialect}-n${n}`);

function liveDb(ctx: BenchContext, dialect: DialectName, n: number, tool: 'ts' | 'py'): LiveDb {
  if (dialect === 'sqlite') {
    const path = join(caseDir(ctx, dialect, n), `${tool}-live.db`);
    return { url: sqliteUrl(path), sqlitePath: path, pgDatabase: null };
  }
  const name = ctx.databaseName(`b1_${tool}_n${n}`);
  return { url: pgUrl(ctx.pg, name, tool === 'py' ? 'psycopg2' : undefined), sqlitePath: null, pgDatabase: name };
}

function resetLive(ctx: BenchContext, live: LiveDb): void {
  if (live.sqlitePath !== null) rmSync(live.sqlitePath, { force: true });
  else ctx.recreateDatabase(live.pgDatabase!);
}

const fixtures = new Map<string, B1Fixture<TsProject>>();

/** The alembic-ts project and its live database; built once per run, reused by B2. */
export function tsFixture(ctx: BenchContext, dialect: DialectName, n: number): B1Fixture<TsProject> {
  const key = `${dialect}-${n}`;
  const known = fixtures.get(key);
  if (known !== undefined) return known;
  const live = liveDb(ctx, dialect, n, 'ts');
  const project = createTsProject(join(caseDir(ctx, dialect, n), 'ts'), { url: live.url, models: 'models.ts' });
  writeFileSync(join(project.dir, 'base-models.ts'), renderModels(n, 'base'));
  writeFileSync(join(project.dir, 'models.ts'), renderModels(n, 'modified'));
  resetLive(ctx, live);
  ctx.log(`b1 ${dialect} n=${n}: alembic-ts createAll of the base schema`);
  ctx.inproc('create-live.ts', [live.url, join(project.dir, 'base-models.ts')], project.dir);
  const fixture = { project, live };
  fixtures.set(key, fixture);
  return fixture;
}

export function alembicFixture(ctx: BenchContext, dialect: DialectName, n: number): B1Fixture<AlembicProject> {
  const dir = caseDir(ctx, dialect, n);
  const live = liveDb(ctx, dialect, n, 'py');
  const project = createAlembicProject(join(dir, 'py'), live.url, ctx.env);
  const baseModels = join(dir, 'py-base_models.py');
  generatePythonModels(n, 'base', baseModels);
  generatePythonModels(n, 'modified', join(project.dir, 'models.py'));
  resetLive(ctx, live);
  ctx.log(`b1 ${dialect} n=${n}: SQLAlchemy create_all of the base schema`);
  createPythonLiveDb(live.url, baseModels, ctx.env);
  return { project, live };
}

/** `op.<name>(` calls in the upgrade part of a revision file, by name. */
export function upgradeOps(text: string, upgradeStart: RegExp, downgradeStart: RegExp): Record<string, number> {
  const from = text.search(upgradeStart);
  const to = text.search(downgradeStart);
  const body = from < 0 ? '' : text.slice(from, to > from ? to : undefined);
  const ops: Record<string, number> = {};
  for (const match of body.matchAll(/\bop\.(\w+)\(/g)) ops[match[1]!] = (ops[match[1]!] ?? 0) + 1;
  return ops;
}

export function formatOps(ops: Readonly<Record<string, number>>): string {
  const entries = Object.entries(ops).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'no ops' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

export function sameOps(found: Readonly<Record<string, number>>, expected: Readonly<Record<string, number>>): boolean {
  return formatOps(found) === formatOps(expected);
}

/** The single new revision file in `dir` (matching `ext`), read and then deleted. */
export function takeNewRevision(dir: string, ext: string, keepAs: string): string {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)) : [];
  if (files.length !== 1) throw new Error(`expected one new revision file in ${dir}, found ${files.length}`);
  const path = join(dir, files[0]!);
  const text = readFileSync(path, 'utf8');
  writeFileSync(keepAs, text);
  rmSync(path);
  return text;
}

/**
 * `upgrade`, `downgrade`, `stamp` and `current` as API functions: open the project, hand
 * the runner its context, return what it did. `upgradeScript`, `downgradeScript` and
 * `stampScript` are their `--sql` (offline) forms: nothing connects, the SQL is returned.
 */
import type { CurrentResult, RunResult } from '../runtime/context.js';
import type * as Runner from '../runtime/migrate.js';
import type * as Offline from '../runtime/offline.js';
import type { StampResult } from '../runtime/stamp.js';
import { redactUrl } from '../config/parse-url.js';
import { AlembicError } from '../errors.js';
import { checkOptions, requiredTarget, revisionList } from './api-arguments.js';
import { revisionInfo, type RevisionInfo } from './revision-info.js';
import { openProject } from './project.js';
import type { RunOptions } from './run-options.js';

export type { CurrentResult, RunResult, StampResult };

/*
 * Each command loads only the part of the runner it uses: `current` reads two tables and
 * must not pay for loading the modules that compile and run steps.
 */
const runner = (): Promise<typeof Runner> => import('../runtime/migrate.js');
const offline = (): Promise<typeof Offline> => import('../runtime/offline.js');

export interface MigrateOptions extends RunOptions {
  /** Upgrade: `head` (default), `heads`, REV, `+N`, `REV+N`, `label@head`. Downgrade: `-N`, `base`, REV. */
  readonly target?: string;
}

export async function upgrade(options: MigrateOptions = {}): Promise<RunResult> {
  checkOptions('upgrade', options, { target: 'string' });
  const ctx = await openProject(options).runContext();
  return (await runner()).upgrade(ctx, options.target ?? 'head');
}

export async function downgrade(options: MigrateOptions & { readonly target: string }): Promise<RunResult> {
  const target = requiredTarget('downgrade', checkOptions('downgrade', options).target);
  const ctx = await openProject(options).runContext();
  return (await runner()).downgrade(ctx, target);
}

/** Offline mode: the SQL of an upgrade (`TARGET` or `FROM:TO`), without connecting. */
export async function upgradeScript(options: MigrateOptions = {}): Promise<string> {
  checkOptions('upgradeScript', options, { target: 'string' });
  const ctx = await openProject(options).runContext();
  return (await offline()).upgradeSql(ctx, options.target ?? 'head');
}

/** Offline mode: the SQL of a downgrade `FROM:TO`, without connecting. */
export async function downgradeScript(options: MigrateOptions & { readonly target: string }): Promise<string> {
  const target = requiredTarget('downgradeScript', checkOptions('downgradeScript', options).target);
  const ctx = await openProject(options).runContext();
  return (await offline()).downgradeSql(ctx, target);
}

export interface StampApiOptions extends RunOptions {
  /** One revision (`'head'`) or several (`['a1b2', 'c3d4']`), as `stamp REV...`. */
  readonly revisions: string | readonly string[];
  readonly purge?: boolean;
}

export async function stamp(options: StampApiOptions): Promise<StampResult> {
  const revisions = revisionList('stamp', checkOptions('stamp', options, { purge: 'boolean' }).revisions);
  const ctx = await openProject(options).runContext();
  return (await import('../runtime/stamp.js')).stamp(ctx, revisions, { purge: options.purge === true });
}

export async function stampScript(options: StampApiOptions): Promise<string> {
  const revisions = revisionList('stampScript', checkOptions('stampScript', options, { purge: 'boolean' }).revisions);
  const ctx = await openProject(options).runContext();
  return (await offline()).stampSql(ctx, revisions, { purge: options.purge === true });
}

export interface CurrentWithRevisions extends CurrentResult {
  /**
   * The current revision of every branch, described from their files: the version rows, and
   * (as Alembic's `current` shows them) the heads of other branches that a row depends on.
   * Rows no file declares are in `unknown` instead.
   */
  readonly revisions: readonly RevisionInfo[];
  /** The rows of the version table that no revision file declares. */
  readonly unknown: readonly string[];
  /** The database URL, its password replaced by `***`. */
  readonly url: string;
}

/** A version row that no revision file declares (Alembic: "Can't locate revision"). */
export function unknownRevisionsError(ids: readonly string[]): AlembicError {
  return new AlembicError('E_REVISION_FILE_MISSING', `the database is at revision ${ids.join(', ')}, but no revision file has that id`, {
    hint: 'restore the revision file in one of versionLocations, or reset the version table with `alembic-ts stamp REV --purge`',
  });
}

export async function current(options: RunOptions = {}): Promise<CurrentWithRevisions> {
  checkOptions('current', options);
  const project = openProject(options);
  const ctx = await project.runContext();
  const result = await (await import('../runtime/current.js')).current(ctx);
  const known = result.heads.filter((id) => ctx.graph.nodes.has(id));
  return {
    ...result,
    revisions: ctx.graph.allCurrent(known).map((id) => revisionInfo(ctx.graph.node(id), result.heads)),
    unknown: result.heads.filter((id) => !ctx.graph.nodes.has(id)),
    url: redactUrl(project.config.url ?? ''),
  };
}

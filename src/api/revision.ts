/**
 * `revision` (empty, or `--autogenerate` from the difference between models and database)
 * and `merge`. Autogenerate refuses unless the database is at head, and never guesses a
 * rename or a drop: unanswered questions stop it with the flags that answer them.
 */
import { resolve } from 'node:path';
import { compareSnapshots, type CompareResult } from '../autogenerate/compare/compare-snapshots.js';
import type { ResolvedDecision } from '../autogenerate/resolver/decisions.js';
import { fixedResolver } from '../autogenerate/resolver/fixed-resolver.js';
import type { RenameResolver } from '../autogenerate/resolver/rename-resolver.js';
import { renderRevisionBodies } from '../autogenerate/render/render-revision.js';
import { AlembicError } from '../errors.js';
import type { Op } from '../operations/ops.js';
import { reverseOpsPartially } from '../operations/reverse.js';
import { readDatabaseState } from '../runtime/database-state.js';
import { sameHeads } from '../runtime/plan.js';
import { withConnection } from '../runtime/session.js';
import type { RevisionGraph } from '../script/graph.js';
import type { PostWriteHookEvent } from '../script/post-write-hooks.js';
import { mergeRevisions, writeRevision, type NewRevision, type WriteRevisionConfig } from '../script/write-revision.js';
import type { Project } from './project.js';
import { openProject } from './project.js';
import { checkOptions, revisionList } from './api-arguments.js';
import { renameAnswers } from './rename-flags.js';
import type { RunOptions } from './run-options.js';
import { comparedSnapshots, compareOptions } from './schema-state.js';

export interface RevisionOptions extends RunOptions {
  /** The header's first line and the file name's slug; empty (the default) writes "empty message". */
  readonly message?: string;
  readonly autogenerate?: boolean;
  /** `--rename TABLE.OLD=NEW` answers. */
  readonly renames?: readonly string[];
  /** `--rename-table OLD=NEW` answers. */
  readonly renameTables?: readonly string[];
  /** `--rename-enum-value ENUM.OLD=NEW` answers. */
  readonly renameEnumValues?: readonly string[];
  readonly allowDrop?: boolean;
  /** Asked what the flags do not answer (the CLI prompts on a terminal). */
  readonly resolver?: RenameResolver;
  readonly revId?: string;
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabel?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly versionPath?: string;
  /** Each post-write hook's start, output and end (the CLI prints them on stderr). */
  readonly onPostWriteHook?: (event: PostWriteHookEvent) => void;
}

export interface RevisionResult {
  readonly path: string;
  readonly revision: string;
  /** The upgrade ops autogenerate wrote (empty for a hand-written revision). */
  readonly ops: readonly Op[];
  readonly decisions: readonly ResolvedDecision[];
}

/** Post-write hooks run where the caller works: the `cwd` option, else the process's. */
function writeConfig(project: Project, onPostWriteHook: ((event: PostWriteHookEvent) => void) | undefined): WriteRevisionConfig {
  return { ...project.config, hookCwd: project.options.cwd ?? process.cwd(), onPostWriteHook };
}

const REVISION_OPTIONS = {
  message: 'string',
  autogenerate: 'boolean',
  renames: 'strings',
  renameTables: 'strings',
  renameEnumValues: 'strings',
  allowDrop: 'boolean',
  revId: 'string',
  head: 'string',
  splice: 'boolean',
  branchLabel: 'strings',
  dependsOn: 'strings',
  versionPath: 'string',
  onPostWriteHook: 'function',
} as const;

export async function revision(options: RevisionOptions = {}): Promise<RevisionResult> {
  checkOptions('revision', options, REVISION_OPTIONS);
  const project = openProject(options);
  const graph = await project.graph();
  const request: NewRevision = {
    message: options.message ?? '',
    ...(options.revId === undefined ? {} : { revId: options.revId }),
    ...(options.head === undefined ? {} : { head: options.head }),
    ...(options.splice === undefined ? {} : { splice: options.splice }),
    ...(options.branchLabel === undefined || options.branchLabel.length === 0 ? {} : { branchLabel: options.branchLabel }),
    ...(options.dependsOn === undefined || options.dependsOn.length === 0 ? {} : { dependsOn: options.dependsOn }),
    // Relative to the caller's working directory, as the config path is (and as Alembic's is).
    ...(options.versionPath === undefined ? {} : { versionPath: resolve(options.cwd ?? process.cwd(), options.versionPath) }),
  };
  if (!options.autogenerate) {
    const written = await writeRevision(writeConfig(project, options.onPostWriteHook), request, graph);
    return { path: written.path, revision: written.revision, ops: [], decisions: [] };
  }
  const compared = await compareWithDatabase(project, graph, options);
  const bodies = renderRevisionBodies(compared.ops, reverseOpsPartially(compared.ops));
  const written = await writeRevision(
    writeConfig(project, options.onPostWriteHook),
    { ...request, upgradeBody: bodies.upgrade, downgradeBody: bodies.downgrade, imports: bodies.importMap },
    graph,
  );
  return { path: written.path, revision: written.revision, ops: compared.ops, decisions: compared.decisions };
}

async function compareWithDatabase(project: Project, graph: RevisionGraph, options: RevisionOptions): Promise<CompareResult> {
  const ctx = await project.runContext();
  const fixed = fixedResolver(
    renameAnswers({
      columns: options.renames ?? [],
      tables: options.renameTables ?? [],
      enumValues: options.renameEnumValues ?? [],
      allowDrop: options.allowDrop === true,
    }),
  );
  const resolver = options.resolver ? chainResolvers(fixed, options.resolver) : fixed;
  const result = await withConnection(ctx, async (session) => {
    const state = await readDatabaseState(session.conn, session.runtime, session.tables);
    if (!sameHeads(state.heads, graph.heads)) {
      throw new AlembicError('E_NOT_AT_HEAD', `the database is not up to date (at ${state.heads.join(', ') || '<base>'}, head is ${graph.heads.join(', ') || '<base>'})`, {
        hint: 'run `alembic-ts upgrade head` first, then autogenerate',
      });
    }
    const { models, database } = await comparedSnapshots(project.config, session.dialect, session.conn);
    return compareSnapshots(models, database, compareOptions(project.config, session.dialect, resolver));
  });
  if (result.openDecisions.length > 0) {
    throw new AlembicError('E_OPEN_DECISIONS', `autogenerate needs ${result.openDecisions.length} decision(s) before it writes a revision`, {
      details: result.openDecisions.map((d) => `${d.description}  answer: ${d.flags.join(' | ')}`),
      hint: 'answer each with the flags shown (or run on a terminal to be asked)',
    });
  }
  return result;
}

/** Answers from the flags first; what they leave open goes to the interactive resolver. */
function chainResolvers(first: RenameResolver, second: RenameResolver): RenameResolver {
  return {
    table: async (q) => (await first.table(q)) ?? second.table(q),
    column: async (q) => (await first.column(q)) ?? second.column(q),
    enumValue: async (q) => (await first.enumValue(q)) ?? second.enumValue(q),
    confirmDrop: async (q) => (await first.confirmDrop(q)) ?? second.confirmDrop(q),
  };
}

export interface MergeOptions extends RunOptions {
  /** The revisions to join, or `'heads'`. */
  readonly revisions: string | readonly string[];
  readonly message?: string;
  readonly revId?: string;
  readonly branchLabel?: readonly string[];
  readonly onPostWriteHook?: (event: PostWriteHookEvent) => void;
}

export async function merge(options: MergeOptions): Promise<{ path: string; revision: string }> {
  const revisions = revisionList('merge', checkOptions('merge', options, { message: 'string', revId: 'string', branchLabel: 'strings', onPostWriteHook: 'function' }).revisions);
  const project = openProject(options);
  const written = await mergeRevisions(
    writeConfig(project, options.onPostWriteHook),
    {
      revisions,
      message: options.message ?? '',
      ...(options.revId === undefined ? {} : { revId: options.revId }),
      ...(options.branchLabel === undefined || options.branchLabel.length === 0 ? {} : { branchLabel: options.branchLabel }),
    },
    await project.graph(),
  );
  return { path: written.path, revision: written.revision };
}

/**
 * Read-only views of the revision graph: `heads`, `branches`, `history`, `show`. None of
 * them touches the database, except `history -i` (or a range with `current`) and
 * `show current`, which read the current revisions.
 */
import type { RevisionGraph } from '../script/graph.js';
import { checkOptions, requiredTarget } from './api-arguments.js';
import { revisionInfo, type RevisionInfo } from './revision-info.js';
import { openProject } from './project.js';
import type { RunOptions } from './run-options.js';

export type { RevisionInfo };

/** `resolveDependencies`: leave out the heads other revisions depend on (Alembic's flag of that name). */
export async function heads(options: RunOptions & { readonly resolveDependencies?: boolean } = {}): Promise<RevisionInfo[]> {
  checkOptions('heads', options, { resolveDependencies: 'boolean' });
  const graph = await openProject(options).graph();
  return (options.resolveDependencies === true ? graph.realHeads : graph.heads).map((id) => revisionInfo(graph.node(id)));
}

export interface BranchPointInfo extends RevisionInfo {
  /** The revisions that start each branch from here. */
  readonly branchesInto: readonly RevisionInfo[];
}

export async function branches(options: RunOptions = {}): Promise<BranchPointInfo[]> {
  checkOptions('branches', options);
  const graph = await openProject(options).graph();
  return graph.branchPoints.map((id) => {
    const node = graph.node(id);
    return { ...revisionInfo(node), branchesInto: node.nextRevisions.map((next) => revisionInfo(graph.node(next))) };
  });
}

export interface HistoryOptions extends RunOptions {
  /** `A:B`, inclusive at both ends. */
  readonly range?: string;
  /** Mark the database's current revisions (reads the database). */
  readonly indicateCurrent?: boolean;
}

export async function history(options: HistoryOptions = {}): Promise<RevisionInfo[]> {
  checkOptions('history', options, { range: 'string', indicateCurrent: 'boolean' });
  const graph: RevisionGraph = await openProject(options).graph();
  const needsCurrent = options.indicateCurrent === true || (options.range ?? '').includes('current');
  // The runner and a driver are loaded only when the database is read.
  const currentHeads = needsCurrent ? (await (await import('./migrate.js')).current(options)).heads : [];
  const { iterateRevisions } = await import('../script/history.js');
  // As in Alembic, a range that names `current` reads the database but marks nothing unless -i.
  const marked = options.indicateCurrent === true ? currentHeads : [];
  return iterateRevisions(graph, options.range, { currentHeads }).map((node) => revisionInfo(node, marked));
}

/** `revision`: anything `upgrade` accepts as a target, or `current` (reads the database). */
export async function show(options: RunOptions & { readonly revision: string }): Promise<RevisionInfo[]> {
  requiredTarget('show', checkOptions('show', options).revision, 'revision');
  if (options.revision === 'current') {
    const { current, unknownRevisionsError } = await import('./migrate.js');
    const result = await current(options);
    if (result.unknown.length > 0) throw unknownRevisionsError(result.unknown);
    return result.revisions.map((info) => ({ ...info, isCurrent: false }));
  }
  const graph = await openProject(options).graph();
  return graph.resolveRevisions(options.revision).map((node) => revisionInfo(node));
}

/**
 * `history [-r A:B]`: revisions newest first, as Alembic's walk_revisions lists them (the
 * range is inclusive at both ends and must lie along one line of history).
 */
import { ConfigError, RevisionError } from '../errors.js';
import type { RevisionNode } from './graph-build.js';
import type { RevisionGraph } from './graph.js';
import { splitRevisionRange } from './plan.js';
import type { RevisionInput } from './revision-script.js';
import { parseUpgradeTarget } from './targets.js';
import { topologicalSort } from './topological-sort.js';

export interface HistoryOptions {
  /** The database's rows, for `current` in a range. */
  readonly currentHeads?: readonly string[];
}

function substituteCurrent(spec: string, options: HistoryOptions): readonly string[] {
  if (spec !== 'current') return [spec];
  if (options.currentHeads === undefined) {
    throw new ConfigError('E_INVALID_RANGE', "'current' in a history range needs the database's current revisions");
  }
  return options.currentHeads;
}

/** `label@...` as the lower end keeps only the targets on that label's branch. */
function onLowerBranch<S extends RevisionInput>(graph: RevisionGraph<S>, lower: string, targets: RevisionNode<S>[]): RevisionNode<S>[] {
  const at = lower.indexOf('@');
  if (at === -1) return targets;
  let branch = lower.slice(0, at);
  const branchNode = graph.resolveBranch(branch);
  if (branchNode.revision === branch) {
    if (branchNode.branchLabels.length !== 1) return targets.filter((t) => graph.sharesLineage(t, [branchNode]));
    branch = branchNode.branchLabels[0] as string;
  }
  return targets.filter((t) => t.branchLabels.includes(branch));
}

export function iterateRevisions<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  range?: string,
  options: HistoryOptions = {},
): RevisionNode<S>[] {
  const { from, to } = range === undefined ? { from: undefined, to: undefined } : splitRevisionRange(range);
  const lowerSpec = from ?? 'base';
  const lower = substituteCurrent(lowerSpec, options);
  const upper = substituteCurrent(to ?? 'heads', options);
  const targets = onLowerBranch(graph, lowerSpec, upper.flatMap((u) => parseUpgradeTarget(graph, lower, u, true)));
  const targetIds = targets.map((t) => t.revision);
  const required = new Set([...graph.ancestors(targetIds, { check: true }), ...targetIds]);
  const current = graph.resolveRevisions(lower, { clamp: true }).map((n) => n.revision);
  if (current.some((c) => !required.has(c))) {
    throw new RevisionError('E_INVALID_RANGE', `range ${range ?? ''} does not run along one line of history`, {
      hint: 'The start of the range must be an ancestor of its end.',
    });
  }
  const below = graph.ancestors(current, { check: true });
  let needs = [...required].filter((id) => !below.has(id) || current.includes(id));
  if (current.length > 0) {
    const above = graph.descendants(current, { check: true, includeDependencies: false });
    needs = needs.filter((id) => above.has(id));
  }
  return topologicalSort(graph, needs, targetIds).map((id) => graph.node(id));
}

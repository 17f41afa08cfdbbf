/**
 * `stamp REV...`: the version rows move to the targets without running any migration
 * (Alembic's ScriptDirectory._stamp_revs with StampStep's version mechanics).
 */
import type { RevisionGraph } from './graph.js';
import { requireKnownHeads } from './plan.js';
import type { RevisionInput } from './revision-script.js';
import { applyVersionChange } from './version-change.js';
import type { VersionChange } from './version-change.js';

export interface StampPlan {
  /** Delete every row first (`--purge`): the current rows need not be known revisions. */
  readonly purge: boolean;
  /** Applied in order after the purge, if any. */
  readonly changes: readonly VersionChange[];
  /** The version rows afterwards. */
  readonly headsAfter: readonly string[];
}

interface StampStep {
  readonly from: readonly string[];
  readonly to: string | null;
  readonly up: boolean;
  readonly branchMove: boolean;
}

function stampChange(step: StampStep, heads: readonly string[]): VersionChange {
  const [first] = step.from;
  if (!step.up && step.branchMove && first !== undefined) return { kind: 'delete', revision: first };
  const to = step.to as string;
  if (step.up && (step.branchMove || step.from.some((f) => !heads.includes(f))) && !heads.includes(to)) {
    return { kind: 'insert', revision: to };
  }
  const last = step.from[step.from.length - 1] as string;
  if (step.from.length > 1) return { kind: 'merge', delete: step.from.slice(0, -1), from: last, to };
  return { kind: 'update', from: first as string, to };
}

function stampSteps<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], targets: readonly string[]): StampStep[] {
  const wanted = targets.length === 0 ? ['base'] : targets;
  const filtered = [...new Set(wanted.flatMap((t) => graph.filterForLineage(heads, t, true)))];
  const destinations = graph.resolveRevisions(wanted);
  if (destinations.length === 0) return filtered.map((head) => ({ from: [head], to: null, up: false, branchMove: true }));
  const steps: StampStep[] = [];
  for (const destination of destinations) {
    const dest = destination.revision;
    if (filtered.includes(dest)) continue;
    if ([...graph.descendants([dest])].some((d) => filtered.includes(d))) {
      steps.push({ from: filtered, to: dest, up: false, branchMove: false });
    } else if ([...graph.ancestors([dest])].some((a) => filtered.includes(a))) {
      steps.push({ from: filtered, to: dest, up: true, branchMove: false });
    } else {
      steps.push({ from: [], to: dest, up: true, branchMove: true });
    }
  }
  return steps;
}

/**
 * The version-table changes that stamp `targets` (`head`, `heads`, `base`, revisions,
 * `label@head`...) given the current rows. A target on the line of a current row moves that
 * row (up or down); a target on no current line becomes a new row; `base` deletes the rows
 * of the lines it names.
 */
export function planStamp<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  currentHeads: readonly string[],
  targets: readonly string[],
  options: { readonly purge?: boolean } = {},
): StampPlan {
  const purge = options.purge === true;
  let rows = purge ? [] : requireKnownHeads(graph, currentHeads);
  const changes: VersionChange[] = [];
  for (const step of stampSteps(graph, rows, targets)) {
    const change = stampChange(step, rows);
    rows = applyVersionChange(rows, change);
    changes.push(change);
  }
  return { purge, changes, headsAfter: rows };
}

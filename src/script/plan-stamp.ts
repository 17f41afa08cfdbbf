/**
 * `stamp REV...`: the version rows move to the targets without running any migration
 * (Alembic's ScriptDirectory._stamp_revs with StampStep's version mechanics).
 */
import { RevisionError } from '../errors.js';
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

/**
 * `stamp A B` where B descends from A would leave a row for each, one redundant, and every
 * later upgrade refuses that table. Alembic writes both rows and then fails on the next
 * upgrade; refusing the stamp keeps the table usable.
 */
function assertNoOverlap<S extends RevisionInput>(graph: RevisionGraph<S>, ids: readonly string[]): void {
  if (ids.length < 2) return;
  try {
    graph.ancestors(ids, { includeDependencies: false, check: true });
  } catch (error) {
    if (!(error instanceof RevisionError) || error.code !== 'E_OVERLAPPING_REVISIONS') throw error;
    throw new RevisionError('E_OVERLAPPING_REVISIONS', error.message, {
      hint: 'The version table holds one row per branch: stamp only the newest revision of each branch.',
    });
  }
}

/**
 * Alembic's StampStep for one destination. `lineage` holds the rows on the targets' lines of
 * history, of which only those still present count: when stamping a merge point's parents,
 * the first parent's step consumes the merge row and the second becomes a new row (Alembic
 * plans both against the merge row and fails on the second).
 */
function stampStep<S extends RevisionInput>(graph: RevisionGraph<S>, rows: readonly string[], lineage: readonly string[], dest: string): StampStep | undefined {
  const filtered = lineage.filter((row) => rows.includes(row));
  if (filtered.includes(dest)) return undefined;
  if ([...graph.descendants([dest])].some((d) => filtered.includes(d))) {
    return { from: filtered, to: dest, up: false, branchMove: false };
  }
  if ([...graph.ancestors([dest])].some((a) => filtered.includes(a))) {
    return { from: filtered, to: dest, up: true, branchMove: false };
  }
  return { from: [], to: dest, up: true, branchMove: true };
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
  const wanted = targets.length === 0 ? ['base'] : targets;
  const lineage = [...new Set(wanted.flatMap((t) => graph.filterForLineage(rows, t, true)))];
  const destinations = graph.resolveRevisions(wanted).map((node) => node.revision);
  assertNoOverlap(graph, destinations);
  const changes: VersionChange[] = [];
  const apply = (step: StampStep | undefined): void => {
    if (step === undefined) return;
    const change = stampChange(step, rows);
    rows = applyVersionChange(rows, change);
    changes.push(change);
  };
  // `base` (or `label@base`) deletes the rows of the lines it names.
  if (destinations.length === 0) for (const head of lineage) apply({ from: [head], to: null, up: false, branchMove: true });
  for (const dest of destinations) apply(stampStep(graph, rows, lineage, dest));
  return { purge, changes, headsAfter: rows };
}

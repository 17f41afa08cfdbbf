/**
 * Step planning for upgrade and downgrade, as Alembic's ScriptDirectory._upgrade_revs and
 * _downgrade_revs do it, with the version-table change of every step worked out in advance.
 */
import { ConfigError, RevisionError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';
import { parseDowngradeTarget, parseUpgradeTarget } from './targets.js';
import { topologicalSort } from './topological-sort.js';
import { applyVersionChange, versionChangeForStep } from './version-change.js';
import type { Direction, VersionChange } from './version-change.js';

export interface MigrationStep {
  readonly revision: string;
  readonly direction: Direction;
  /** For display (`Running upgrade a -> b`): the down revisions going up, the revision going down. */
  readonly fromRevisions: readonly string[];
  readonly toRevisions: readonly string[];
  /** What to do to the version table with this step (see graph.ts). */
  readonly versionChange: VersionChange;
  /** The version rows once this step has run. */
  readonly headsAfter: readonly string[];
}

/** The database's rows must name known revisions; duplicates count once. */
export function requireKnownHeads<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[]): string[] {
  const distinct = [...new Set(heads)];
  for (const head of distinct) {
    if (!graph.nodes.has(head)) {
      throw new RevisionError('E_UNKNOWN_REVISION', `the database is at revision ${head}, which no revision file declares`, {
        hint: 'Restore the revision file, or reset the version table with `alembic-ts stamp REV --purge`.',
      });
    }
  }
  return distinct;
}

function buildSteps<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  heads: readonly string[],
  order: readonly string[],
  direction: Direction,
): MigrationStep[] {
  let rows = [...heads];
  return order.map((revision) => {
    const versionChange = versionChangeForStep(graph, rows, revision, direction);
    rows = applyVersionChange(rows, versionChange);
    const downs = graph.node(revision).downRevisions;
    return {
      revision,
      direction,
      fromRevisions: direction === 'up' ? downs : [revision],
      toRevisions: direction === 'up' ? [revision] : downs,
      versionChange,
      headsAfter: rows,
    };
  });
}

/**
 * The steps from `currentHeads` (the version rows) up to `target`: `head`, `heads`, a
 * revision or prefix, `+N`, `REV+N`, `label@head`, `label@+N`, or several revisions. Revisions already applied
 * (ancestors of a current head) are skipped, and so is a target below the current heads.
 */
export function planUpgrade<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  currentHeads: readonly string[],
  target: string | readonly string[] = 'head',
): MigrationStep[] {
  const heads = requireKnownHeads(graph, currentHeads);
  const resolved = typeof target === 'string' ? parseUpgradeTarget(graph, heads, target) : graph.resolveRevisions(target);
  const targets = resolved.map((n) => n.revision);
  const required = new Set([...graph.ancestors(targets, { check: true }), ...targets]);
  const applied = new Set([...graph.ancestors(heads, { check: true }), ...heads]);
  const needs = [...required].filter((id) => !applied.has(id));
  return buildSteps(graph, heads, topologicalSort(graph, needs, targets).reverse(), 'up');
}

/** The steps from `currentHeads` down to `target`: `-N`, `base`, a revision, `label@-N`, `label@base`... */
export function planDowngrade<S extends RevisionInput>(graph: RevisionGraph<S>, currentHeads: readonly string[], target: string): MigrationStep[] {
  const heads = requireKnownHeads(graph, currentHeads);
  const { branchLabel, target: destination, inclusive } = parseDowngradeTarget(graph, heads, target);
  let roots: string[];
  if (destination === null) roots = graph.revisions.filter((n) => n.isBase).map((n) => n.revision);
  else if (inclusive) roots = [destination.revision];
  else roots = [...destination.nextRevisions];
  if (branchLabel !== undefined && roots.length > 1) {
    const onBranch = graph.ancestors([graph.resolveBranch(branchLabel).revision], { includeDependencies: false });
    roots = roots.filter((r) => onBranch.has(r));
    if (roots.length === 0) throw notDowngradeTarget(target, heads);
  }
  const active = graph.ancestors(heads);
  const drop = [...graph.descendants(roots)].filter((id) => active.has(id));
  if (destination !== null && drop.length === 0 && !heads.includes(destination.revision)) throw notDowngradeTarget(target, heads);
  return buildSteps(graph, heads, topologicalSort(graph, drop, heads), 'down');
}

function notDowngradeTarget(target: string, heads: readonly string[]): RevisionError {
  return new RevisionError(
    'E_INVALID_DOWNGRADE_TARGET',
    `'${target}' is not a valid downgrade target from the current revision(s): ${heads.length === 0 ? 'none' : heads.join(', ')}`,
    { hint: 'A downgrade goes to an ancestor of the current revisions; `alembic-ts history -i` shows where the database is.' },
  );
}

/** `FROM:TO` (either side may be empty) for `--sql` runs and `history -r`. */
export function splitRevisionRange(spec: string): { readonly from: string | undefined; readonly to: string | undefined } {
  const parts = spec.trim().split(':');
  if (parts.length !== 2) {
    throw new ConfigError('E_INVALID_RANGE', `'${spec}' is not a revision range`, { hint: 'Write FROM:TO, FROM: or :TO.' });
  }
  const [from, to] = parts as [string, string];
  return { from: from === '' ? undefined : from, to: to === '' ? undefined : to };
}

/** Revision ids a spec stands for, for the FROM side of an offline run (`base` is none). */
export function resolveRevisionIds<S extends RevisionInput>(graph: RevisionGraph<S>, spec: string): string[] {
  return graph.resolveRevisions(spec).map((n) => n.revision);
}

/**
 * Version-table mechanics per step, ported from Alembic's HeadMaintainer and RevisionStep
 * (see the comment at the top of graph.ts for what each kind means).
 */
import { RevisionError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';

export type VersionChange =
  | { readonly kind: 'insert'; readonly revision: string }
  | { readonly kind: 'delete'; readonly revision: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'merge'; readonly delete: readonly string[]; readonly from: string; readonly to: string }
  | { readonly kind: 'unmerge'; readonly insert: readonly string[]; readonly from: string; readonly to: string };

/** One statement against the version table; DELETE and UPDATE must match exactly one row. */
export type VersionRowOp =
  | { readonly kind: 'insert'; readonly revision: string }
  | { readonly kind: 'delete'; readonly revision: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string };

export type Direction = 'up' | 'down';

export function versionRowOps(change: VersionChange): VersionRowOp[] {
  switch (change.kind) {
    case 'merge':
      return [...change.delete.map((revision) => ({ kind: 'delete' as const, revision })), { kind: 'update', from: change.from, to: change.to }];
    case 'unmerge':
      return [...change.insert.map((revision) => ({ kind: 'insert' as const, revision })), { kind: 'update', from: change.from, to: change.to }];
    default:
      return [change];
  }
}

function mismatch(heads: readonly string[], what: string): RevisionError {
  return new RevisionError(
    'E_VERSION_TABLE_MISMATCH',
    `the version table does not fit the revision graph: cannot ${what} (current rows: ${heads.length === 0 ? 'none' : heads.join(', ')})`,
    { hint: 'Run `alembic-ts current` to see the rows; `alembic-ts stamp REV --purge` resets them.' },
  );
}

/** The version rows after a change; fails as the database would when a row is missing or doubled. */
export function applyVersionChange(heads: readonly string[], change: VersionChange): string[] {
  const rows = [...heads];
  for (const op of versionRowOps(change)) {
    if (op.kind === 'insert') {
      if (rows.includes(op.revision)) throw mismatch(heads, `insert ${op.revision}, which is already a row`);
      rows.push(op.revision);
    } else if (op.kind === 'delete') {
      const at = rows.indexOf(op.revision);
      if (at === -1) throw mismatch(heads, `delete ${op.revision}, which is not a row`);
      rows.splice(at, 1);
    } else {
      const at = rows.indexOf(op.from);
      if (at === -1 || rows.includes(op.to)) throw mismatch(heads, `update ${op.from} to ${op.to}`);
      rows[at] = op.to;
    }
  }
  return rows;
}

function ancestorsOfOthers<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], except: readonly string[]): Set<string> {
  const others = heads.filter((h) => !except.includes(h));
  return others.length === 0 ? new Set() : graph.ancestors(others);
}

/** Where a downgraded revision's row goes: its down revisions not implied by the other heads. */
function unmergeTargets<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], revision: string): string[] {
  const downs = graph.node(revision).normalizedDownRevisions;
  if (heads.some((h) => h !== revision)) {
    const implied = ancestorsOfOthers(graph, heads, [revision]);
    return downs.filter((d) => !implied.has(d));
  }
  if (downs.length === 1) return [...downs];
  const implied = new Set(downs.flatMap((d) => [...graph.ancestors([d])].filter((a) => a !== d)));
  return downs.filter((d) => !implied.has(d));
}

function plainUpdate<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], revision: string, direction: Direction): VersionChange {
  const downs = graph.node(revision).normalizedDownRevisions;
  const present = downs.length === 1 ? downs : downs.filter((d) => heads.includes(d));
  const down = present[0];
  if (present.length !== 1 || down === undefined) {
    throw mismatch(heads, `tell which of ${downs.join(', ')} to move for ${revision}`);
  }
  return direction === 'up' ? { kind: 'update', from: down, to: revision } : { kind: 'update', from: revision, to: down };
}

function upgradeChange<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], revision: string): VersionChange {
  const downs = graph.node(revision).normalizedDownRevisions;
  const present = downs.filter((d) => heads.includes(d));
  if (present.length === 0) return { kind: 'insert', revision };
  if (downs.length > 1 && present.length > 1) {
    const implied = ancestorsOfOthers(graph, heads, downs);
    const merged = downs.filter((d) => !implied.has(d) && heads.includes(d));
    const kept = merged[merged.length - 1];
    if (kept === undefined) throw mismatch(heads, `merge ${downs.join(', ')} into ${revision}`);
    return { kind: 'merge', delete: merged.slice(0, -1), from: kept, to: revision };
  }
  return plainUpdate(graph, heads, revision, 'up');
}

function downgradeChange<S extends RevisionInput>(graph: RevisionGraph<S>, heads: readonly string[], revision: string): VersionChange {
  const downs = graph.node(revision).normalizedDownRevisions;
  if (heads.includes(revision)) {
    if (downs.length === 0) return { kind: 'delete', revision };
    const targets = unmergeTargets(graph, heads, revision);
    if (targets.length === 0) return { kind: 'delete', revision };
    if (downs.length > 1) {
      return { kind: 'unmerge', insert: targets.slice(0, -1), from: revision, to: targets[targets.length - 1] as string };
    }
  }
  return plainUpdate(graph, heads, revision, 'down');
}

/** The version-table change for running `revision` in `direction` when `heads` are the rows. */
export function versionChangeForStep<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  heads: readonly string[],
  revision: string,
  direction: Direction,
): VersionChange {
  return direction === 'up' ? upgradeChange(graph, heads, revision) : downgradeChange(graph, heads, revision);
}

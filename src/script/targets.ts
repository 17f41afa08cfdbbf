/**
 * What `upgrade TARGET` and `downgrade TARGET` point at, given the database's current heads
 * (Alembic's _parse_upgrade_target / _parse_downgrade_target).
 */
import { RevisionError } from '../errors.js';
import type { RevisionNode } from './graph-build.js';
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';
import { walk, walkError } from './revision-walk.js';

/** `[label@][symbol](+|-)N`, e.g. `+2`, `-1`, `ae10+2`, `networking@head-1`, `base+1`. */
const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)$/;

interface Relative {
  readonly branchLabel: string | undefined;
  readonly symbol: string | undefined;
  readonly steps: number;
}

function parseRelative(target: string): Relative | undefined {
  const match = RELATIVE.exec(target);
  if (match === null) return undefined;
  return { branchLabel: match[1], symbol: match[2], steps: Number(match[3]) };
}

const ONE_STEP = 'A relative target moves at least one step: +1 (upgrade) or -1 (downgrade).';

function invalidTarget(message: string, hint: string): RevisionError {
  return new RevisionError('E_INVALID_TARGET', message, { hint });
}

/** The newest revisions on a label's branch among the ancestors of the current heads. */
function branchTips<S extends RevisionInput>(graph: RevisionGraph<S>, current: readonly string[], label: string): string[] {
  const active = graph.filterForLineage([...graph.ancestors(current)], label);
  const below = new Set(active.flatMap((id) => graph.node(id).normalizedDownRevisions));
  return active.filter((id) => !below.has(id));
}

function upgradeStart<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  current: readonly string[],
  label: string | undefined,
  target: string,
): RevisionNode<S> | null {
  let starts: (string | null)[] = current.length === 0 ? [null] : [...current];
  if (label !== undefined && current.length > 0) {
    const onBranch = graph.filterForLineage(current, label);
    const tips = onBranch.length > 0 ? onBranch : branchTips(graph, current, label);
    starts = tips.length > 0 ? tips : [null];
  }
  if (starts.length > 1) {
    throw new RevisionError('E_AMBIGUOUS_UPGRADE', `'${target}' is ambiguous: the database is at several revisions (${current.join(', ')})`, {
      hint: 'Name the branch (<label>@+N) or the revision (REV+N).',
    });
  }
  const start = starts[0] ?? null;
  return start === null ? null : graph.node(start);
}

/**
 * The revisions an upgrade goes to. `current` holds revision ids (or specs such as a history
 * range's lower end); `clamp` stops relative walks at the end of the line instead of failing.
 */
export function parseUpgradeTarget<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  current: readonly string[],
  target: string,
  clamp = false,
): RevisionNode<S>[] {
  const relative = parseRelative(target);
  if (relative === undefined) return graph.resolveRevisions(target);
  const { branchLabel, symbol, steps } = relative;
  if (steps <= 0 && symbol === undefined) {
    throw invalidTarget(`'${target}' is not an upgrade target`, steps === 0 ? ONE_STEP : `To go back, run \`alembic-ts downgrade ${target}\`.`);
  }
  let start: RevisionNode<S> | null;
  if (steps > 0 && symbol === undefined) {
    const currentIds = graph.resolveRevisions(current).map((n) => n.revision);
    start = upgradeStart(graph, currentIds, branchLabel, target);
  } else if (steps > 0) {
    start = graph.resolveRevisionOrBase(symbol as string);
  } else {
    start = graph.resolveRevisionOrBase(branchLabel === undefined ? (symbol as string) : `${branchLabel}@${symbol as string}`);
  }
  const result = walk(graph, start, steps, { branchLabel: steps > 0 ? branchLabel : undefined, clamp });
  if (result.kind !== 'reached') throw walkError(graph, result, target, start);
  return result.node === null ? [] : [result.node];
}

export interface DowngradeTarget<S extends RevisionInput> {
  readonly branchLabel: string | undefined;
  /** Null for base. */
  readonly target: RevisionNode<S> | null;
  /**
   * The target itself goes too. Set when `-N` ends just below a merge point, which Alembic
   * reports as an ambiguous walk: undoing the merge revision is the one meaning it can have.
   */
  readonly inclusive: boolean;
}

function relativeSymbol<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  current: readonly string[],
  branchLabel: string | undefined,
  target: string,
): { symbol: string; branchLabel: string } {
  if (branchLabel !== undefined) {
    let onBranch = graph.filterForLineage(current, branchLabel);
    if (onBranch.length === 0) onBranch = graph.filterForLineage(graph.allCurrent(current), branchLabel);
    if (onBranch.length !== 1) {
      throw invalidTarget(
        onBranch.length === 0
          ? `'${target}': no current revision is on branch '${branchLabel}'`
          : `'${target}' is ambiguous: the current revisions ${onBranch.join(', ')} are all on branch '${branchLabel}'`,
        'Name the target revision instead.',
      );
    }
    return { symbol: onBranch[0] as string, branchLabel };
  }
  const distinct = [...new Set(current)];
  if (distinct.length === 0) {
    throw new RevisionError('E_RELATIVE_OUT_OF_RANGE', `'${target}' goes below base: the database has no current revision`, {
      hint: 'There is nothing to downgrade.',
    });
  }
  if (distinct.length > 1) {
    throw new RevisionError('E_AMBIGUOUS_DOWNGRADE', `'${target}' is ambiguous: the database is at several revisions (${distinct.join(', ')})`, {
      hint: `Name the branch: \`alembic-ts downgrade <label>@${target}\` or \`alembic-ts downgrade REV${target}\`.`,
    });
  }
  const only = distinct[0] as string;
  return { symbol: only, branchLabel: only };
}

export function parseDowngradeTarget<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  current: readonly string[],
  target: string,
): DowngradeTarget<S> {
  const relative = parseRelative(target);
  if (relative === undefined) {
    const at = target.lastIndexOf('@');
    const branchLabel = at > 0 ? target.slice(0, at) : undefined;
    if (branchLabel !== undefined) graph.resolveBranch(branchLabel);
    return { branchLabel, target: graph.resolveRevisionOrBase(target.slice(at + 1)), inclusive: false };
  }
  const { steps } = relative;
  if (steps >= 0) {
    if (relative.symbol === undefined) {
      throw invalidTarget(`'${target}' is not a downgrade target`, steps === 0 ? ONE_STEP : `To go forward, run \`alembic-ts upgrade ${target}\`.`);
    }
    const start = graph.resolveRevisionOrBase(relative.symbol);
    const result = walk(graph, start, steps, { branchLabel: relative.branchLabel });
    if (result.kind !== 'reached') throw walkError(graph, result, target, start);
    return { branchLabel: relative.branchLabel, target: result.node, inclusive: false };
  }
  const { symbol, branchLabel } =
    relative.symbol === undefined
      ? relativeSymbol(graph, current, relative.branchLabel, target)
      : { symbol: relative.symbol, branchLabel: relative.branchLabel };
  const start = graph.resolveRevisionOrBase(branchLabel === undefined ? symbol : `${branchLabel}@${symbol}`);
  const result = walk(graph, start, steps);
  if (result.kind === 'reached') return { branchLabel, target: result.node, inclusive: false };
  if (result.kind === 'ambiguous' && result.taken === -steps - 1 && result.at !== null) {
    return { branchLabel, target: result.at, inclusive: true };
  }
  throw walkError(graph, result, target, start);
}

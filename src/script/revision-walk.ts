/**
 * Relative steps through the graph (`+2`, `-1`, `label@+1`): Alembic's RevisionMap._walk,
 * returning what happened instead of None so errors can say how far one can go.
 */
import { RevisionError } from '../errors.js';
import type { RevisionNode } from './graph-build.js';
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';

/** `null` stands for base: below every base revision. */
export type WalkResult<S extends RevisionInput> =
  | { readonly kind: 'reached'; readonly node: RevisionNode<S> | null }
  | { readonly kind: 'overwalk'; readonly direction: 'up' | 'down'; readonly taken: number }
  | {
      readonly kind: 'ambiguous';
      readonly direction: 'up' | 'down';
      readonly taken: number;
      readonly at: RevisionNode<S> | null;
      readonly candidates: readonly string[];
    };

export interface WalkOptions {
  /** Walking up, only follow revisions on this branch. */
  readonly branchLabel?: string | undefined;
  /** Stop at the end of the line instead of reporting an overwalk (history ranges). */
  readonly clamp?: boolean;
}

const BASE = '';

export function walk<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  start: RevisionNode<S> | null,
  steps: number,
  options: WalkOptions = {},
): WalkResult<S> {
  const direction = steps > 0 ? 'up' : 'down';
  let position = start;
  for (let taken = 0; taken < Math.abs(steps); taken++) {
    let candidates: readonly string[];
    if (direction === 'up') {
      candidates = position === null ? graph.bases : position.nextRevisions;
      if (options.branchLabel !== undefined) candidates = graph.filterForLineage(candidates, options.branchLabel);
    } else if (position === null) {
      candidates = [];
    } else {
      candidates = position.downRevisions.length === 0 ? [BASE] : position.downRevisions;
    }
    if (candidates.length === 0) {
      return options.clamp === true ? { kind: 'reached', node: position } : { kind: 'overwalk', direction, taken };
    }
    if (candidates.length > 1) return { kind: 'ambiguous', direction, taken, at: position, candidates };
    const next = candidates[0] as string;
    position = next === BASE ? null : graph.node(next);
  }
  return { kind: 'reached', node: position };
}

/** The error for a walk that did not arrive; `spec` is the target as the user wrote it. */
export function walkError<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  result: Exclude<WalkResult<S>, { kind: 'reached' }>,
  spec: string,
  start: RevisionNode<S> | null,
): RevisionError {
  const from = start === null ? 'base' : graph.describe(start.revision);
  if (result.kind === 'overwalk') {
    const { taken } = result;
    if (result.direction === 'up') {
      return new RevisionError(
        'E_RELATIVE_OUT_OF_RANGE',
        `'${spec}' goes past the head: ${taken === 0 ? 'no revision lies' : `only ${taken} revision(s) lie`} above ${from}`,
        { hint: taken === 0 ? 'There is nothing to upgrade.' : `The furthest one can go is +${taken}, or use \`head\`.` },
      );
    }
    return new RevisionError(
      'E_RELATIVE_OUT_OF_RANGE',
      `'${spec}' goes below base: only ${taken} revision(s) can be downgraded from ${from}`,
      { hint: taken === 0 ? 'There is nothing to downgrade.' : `The furthest one can go is -${taken}, or use \`base\`.` },
    );
  }
  const at = result.at === null ? 'base' : graph.describe(result.at.revision);
  const what = result.direction === 'up' ? `branches into ${result.candidates.join(', ')}` : `merges ${result.candidates.join(', ')}`;
  return new RevisionError('E_AMBIGUOUS_WALK', `'${spec}' is ambiguous: ${at} ${what}`, {
    hint:
      result.direction === 'up'
        ? 'Name the target revision, or follow one branch with <label>@+N.'
        : 'Name the target revision instead of a relative step.',
  });
}

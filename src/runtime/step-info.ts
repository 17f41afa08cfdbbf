/**
 * How a step is named in results, progress lines and error messages.
 */
import type { PlannedStep } from './plan.js';
import type { StatementOwner } from './run-statement.js';

export function ownerOf(step: PlannedStep): StatementOwner {
  return { revision: step.revision, path: step.script.path, direction: step.direction };
}

/** Alembic's `Running upgrade a, b -> c`: the revisions the step leaves and the ones it reaches. */
export function stepEnds(step: PlannedStep): { readonly from: readonly string[]; readonly to: readonly string[] } {
  return { from: step.fromRevisions, to: step.toRevisions };
}

import { renderRevisionBodies } from '../autogenerate/render/render-revision.js';
import type { Op } from '../operations/ops.js';

/** The ops as the lines autogenerate would write into a revision's upgrade(). */
export function renderOpSummary(ops: readonly Op[]): string[] {
  return renderRevisionBodies(ops, []).upgrade.split('\n').map((line) => line.replace(/^ {2}/, ''));
}

/**
 * render: upgrade and downgrade ops to the bodies of a revision file's `upgrade(op)` and
 * `downgrade(op)`, plus the import lines those bodies need. Pure; the same ops always give
 * the same bytes. Bodies are indented for the inside of the functions, without a trailing
 * newline; the script template places them.
 */
import { isIrreversible, type Irreversible } from '../../operations/reverse.js';
import type { Op } from '../../operations/ops.js';
import { INDENT } from './call.js';
import { Imports } from './imports.js';
import { renderOp } from './render-op.js';

export interface RenderedRevision {
  /** Import lines (at least `import { type Operations } from 'alembic-ts';`). */
  readonly imports: string;
  /** The same imports as data: module -> names (`Operations` not included). */
  readonly importMap: Readonly<Record<string, readonly string[]>>;
  readonly upgrade: string;
  readonly downgrade: string;
}

const EMPTY_BODY = `${INDENT}// no changes`;

/** A step without a reverse stays visible in the downgrade, commented out, with the reason. */
function renderIrreversible(step: Irreversible): string[] {
  const original = renderOp(step.op, new Imports(), INDENT);
  return [`${INDENT}// Not reversed automatically: ${step.reason}.`, ...original.map((line) => `${INDENT}// ${line.slice(INDENT.length)}`)];
}

function renderBody(steps: readonly (Op | Irreversible)[], imports: Imports): string {
  const lines = steps.flatMap((step) => (isIrreversible(step) ? renderIrreversible(step) : renderOp(step, imports, INDENT)));
  return lines.length === 0 ? EMPTY_BODY : lines.join('\n');
}

export function renderRevisionBodies(
  upgradeOps: readonly Op[],
  downgradeOps: readonly (Op | Irreversible)[],
): RenderedRevision {
  const imports = new Imports();
  const upgrade = renderBody(upgradeOps, imports);
  const downgrade = renderBody(downgradeOps, imports);
  return { imports: imports.render(), importMap: imports.map(), upgrade, downgrade };
}

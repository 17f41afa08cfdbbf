/**
 * A step from revision file to ops: import the module, let its `upgrade` or `downgrade` fill
 * a fresh `op`. Nothing runs against the database here.
 */
import type { Dialect } from '../dialects/dialect.js';
import { MigrationError } from '../errors.js';
import { importModule } from '../loader/import-module.js';
import { createOperations } from '../operations/operations.js';
import type { Op } from '../operations/ops.js';
import type { PlannedStep } from './plan.js';
import { describeOwner } from './run-statement.js';
import { ownerOf } from './step-info.js';

export interface LoadedStep {
  readonly step: PlannedStep;
  readonly ops: readonly Op[];
  /** False when the module exports `transactional = false`. */
  readonly transactional: boolean;
}

/**
 * Imports the revision modules of a plan. Offline mode imports a little ahead of the step it
 * renders (each import reads a file, and may transpile on a cold cache, so overlapping them
 * hides most of that latency). Before an online run changes anything, `importAll` imports
 * every module of the plan, as Alembic does: a file that cannot be imported (a syntax error, a
 * missing import) stops the run before its first step, not after the steps before it committed.
 */
export class RevisionModules {
  private readonly started = new Map<number, Promise<Record<string, unknown>>>();

  constructor(
    private readonly plan: readonly PlannedStep[],
    private readonly ahead = 16,
  ) {}

  /** Starts the imports of the steps from `position` on, up to the window's end. */
  prefetch(position: number, ahead = this.ahead): void {
    for (let i = position; i < Math.min(this.plan.length, position + ahead); i++) {
      if (this.started.has(i)) continue;
      const loading = importModule(this.plan[i]!.script.path);
      // Awaited when its step runs; a failure before that must not count as unhandled.
      loading.catch(() => undefined);
      this.started.set(i, loading);
    }
  }

  /** Imports every module of the plan (concurrently); throws the first failure in plan order. */
  async importAll(): Promise<void> {
    this.prefetch(0, this.plan.length);
    for (const loading of this.started.values()) await loading;
  }

  module(position: number): Promise<Record<string, unknown>> {
    this.prefetch(position);
    const loading = this.started.get(position)!;
    this.started.delete(position);
    return loading;
  }
}

export async function loadStep(
  step: PlannedStep,
  dialect: Dialect,
  x: Readonly<Record<string, string>>,
  imported: Promise<Record<string, unknown>>,
): Promise<LoadedStep> {
  const module = await imported;
  const name = step.direction === 'up' ? 'upgrade' : 'downgrade';
  const fn = module[name];
  if (typeof fn !== 'function') {
    throw new MigrationError('E_REVISION_FUNCTION', `${step.script.path} does not export a function ${name}(op)`);
  }
  const { op, ops } = createOperations(dialect, { x });
  try {
    await (fn as (op: unknown) => unknown)(op);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError('E_REVISION_THREW', `${describeOwner(ownerOf(step))} threw before any statement ran: ${reason}`, {
      cause: error,
    });
  }
  return { step, ops: ops(), transactional: module['transactional'] !== false };
}

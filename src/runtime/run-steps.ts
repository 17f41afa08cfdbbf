/**
 * Runs a planned list of steps against the database. Every revision module of the plan is
 * imported before the first step; each step is prepared (compiled, maybe introspected) before
 * its transaction begins; once BEGIN holds the write lock the version table is read again,
 * and if another run moved it in the meantime the transaction is rolled back and the run
 * resumes from wherever the other one left it.
 */
import type { Statement } from '../dialects/dialect.js';
import { MigrationError } from '../errors.js';
import type { Op } from '../operations/ops.js';
import { CompileContextSource } from './compile-context.js';
import { compileOps, compileStep, runsInTransaction, type CompiledStep } from './compile-step.js';
import { loadStep, RevisionModules } from './load-step.js';
import type { ProgressEvent, StepResult } from './context.js';
import { assertNothingUnfinished, readDatabaseState } from './database-state.js';
import { sameHeads, type PlannedStep } from './plan.js';
import type { Session } from './session.js';
import { mergeSettings, sameSettings, settingsOf, type SessionSetting } from './session-settings.js';
import { stepEnds } from './step-info.js';
import {
  openTransaction,
  runInTransaction,
  runOutsideTransaction,
  SettingsNeeded,
  type OpenTransaction,
  type TrackingState,
} from './step-transaction.js';

function resultOf(compiled: CompiledStep, durationMs: number): StepResult {
  const { step } = compiled;
  return {
    revision: step.revision,
    direction: step.direction,
    ...stepEnds(step),
    message: step.script.message,
    path: step.script.path,
    transactional: runsInTransaction(compiled),
    durationMs,
  };
}

function progressOf(result: StepResult): ProgressEvent {
  const { direction, from, to, message, durationMs } = result;
  return { kind: 'step', direction, from, to, message, durationMs };
}

/** `next`: where the run goes on, past this step or wherever another run left the database. */
type Outcome = { readonly next: number; readonly result?: StepResult };

class StepRunner {
  /** The version rows expected before each step, and after the last one. */
  private readonly states: readonly (readonly string[])[];
  private readonly modules: RevisionModules;
  private readonly schema: CompileContextSource;
  private readonly tracking: TrackingState = { created: false };
  /** Settings found needed only after an `execute` ran: the step is retried with them set up front. */
  private readonly discovered = new Map<number, readonly SessionSetting[]>();
  private tx: OpenTransaction | null = null;

  constructor(
    private readonly session: Session,
    private readonly plan: readonly PlannedStep[],
    start: readonly string[],
  ) {
    this.states = [start, ...plan.map((step) => step.headsAfter)];
    this.modules = new RevisionModules(plan);
    this.schema = new CompileContextSource(session);
  }

  async run(): Promise<StepResult[]> {
    const results: StepResult[] = [];
    await this.modules.importAll();
    try {
      for (let position = 0; position < this.plan.length; ) {
        const outcome = await this.runStep(position);
        if (outcome.result !== undefined) {
          results.push(outcome.result);
          this.session.ctx.onProgress?.(progressOf(outcome.result));
        }
        position = outcome.next;
      }
      await this.commit();
    } finally {
      await this.tx?.rollback();
    }
    return results;
  }

  private async runStep(position: number): Promise<Outcome> {
    const { session, schema } = this;
    const { dialect, ctx } = session;
    const began = performance.now();
    const step = this.plan[position]!;
    const loaded = await loadStep(step, dialect, ctx.x ?? {}, this.modules.module(position));
    const compiled = await compileStep(loaded, dialect, (full) => schema.read(full), { online: true });
    const compileLater = (ops: readonly Op[]): Promise<Statement[]> => {
      schema.forget();
      return compileOps(step, ops, dialect, (full) => schema.read(full));
    };
    const settings = mergeSettings(settingsOf(compiled.preview), this.discovered.get(position) ?? []);
    const expected = this.states[position]!;
    if (!runsInTransaction(compiled)) {
      await this.commit();
      const durationMs = await runOutsideTransaction(session, compiled, settings, expected, this.tracking, began, compileLater);
      return durationMs === 'stale' ? this.resume(position) : this.done(position, compiled, durationMs);
    }
    if (this.tx !== null && !sameSettings(this.tx.settings, settings)) await this.commit();
    if (this.tx === null) {
      const opened = await openTransaction(session, settings, expected, this.tracking);
      if (opened === 'stale') return this.resume(position);
      this.tx = opened;
    }
    let durationMs: number;
    try {
      durationMs = await runInTransaction(session, this.tx, compiled, began, compileLater);
    } catch (error: unknown) {
      if (!(error instanceof SettingsNeeded) || this.tx.steps.length > 1 || this.discovered.has(position)) throw withRunHint(error, this.tx.steps);
      // Nothing but this step is in the transaction: undo it and run it again with the setting.
      await this.tx.rollback();
      this.tx = null;
      this.tracking.created = false;
      this.discovered.set(position, mergeSettings(settings, error.settings));
      return { next: position };
    }
    if (this.session.ctx.config.transactionPerMigration) await this.commit();
    return this.done(position, compiled, durationMs);
  }

  private done(position: number, compiled: CompiledStep, durationMs: number): Outcome {
    this.schema.advance(compiled.ops);
    return { next: position + 1, result: resultOf(compiled, durationMs) };
  }

  private async commit(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    await tx?.commit();
  }

  /** Another run moved the version table: continue from the state it left, if it is on our path. */
  private async resume(position: number): Promise<Outcome> {
    const { session } = this;
    this.schema.forget();
    const state = await readDatabaseState(session.conn, session.runtime, session.tables);
    assertNothingUnfinished(state, session.ctx.graph);
    const at = this.states.findIndex((heads, i) => i >= position && sameHeads(heads, state.heads));
    if (at === -1) {
      throw new MigrationError(
        'E_VERSION_CHANGED',
        `the version table changed while this run was waiting: it holds ${state.heads.join(', ') || 'no revision'}, ` +
          `which is not on the way from ${this.states[position]!.join(', ') || 'base'} to the target`,
        { hint: 'another run migrated the database; run the command again' },
      );
    }
    return { next: at };
  }
}

/**
 * With transactionPerMigration false, one transaction holds the earlier steps of the run too:
 * the hint says they were undone, not only the failing revision.
 */
function withRunHint(error: unknown, steps: readonly string[]): unknown {
  if (!(error instanceof MigrationError) || error.code !== 'E_STATEMENT_FAILED' || steps.length < 2) return error;
  return new MigrationError(error.code, error.message, {
    cause: error.cause,
    details: error.details,
    hint: `the run's single transaction (transactionPerMigration: false) was rolled back: ${steps.slice(0, -1).join(', ')} ${steps.length > 2 ? 'were' : 'was'} undone too, and the database is as it was before the run`,
  });
}

export function runSteps(session: Session, plan: readonly PlannedStep[], start: readonly string[]): Promise<StepResult[]> {
  return new StepRunner(session, plan, start).run();
}

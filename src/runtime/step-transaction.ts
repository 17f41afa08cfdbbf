/**
 * The transactions a step runs in. A transactional step: its statements, its version change
 * and its history row commit together or not at all. A step that cannot run in a
 * transaction: a `started` history row is committed first, the statements run one by one,
 * and the version change commits with the row turned `finished`; a crash in between leaves
 * `started` behind for the next run to report.
 */
import { BatchStatementError, type Statement } from '../dialects/dialect.js';
import { MigrationError } from '../errors.js';
import type { Op } from '../operations/ops.js';
import type { CompiledStep } from './compile-step.js';
import { sameHeads } from './plan.js';
import { runBatched, sendWrites, type DeferredWrite } from './run-batch.js';
import { describeOwner, runStatement, runVersionStatement, type StatementOwner } from './run-statement.js';
import type { Session } from './session.js';
import { applySettings, settingsOf, type SessionSetting } from './session-settings.js';
import { ownerOf } from './step-info.js';
import { createTrackingTables, historyStatement, versionStatements } from './tracking-statements.js';
import { begin, exec, quietly, rollbackQuietly, trackingTableError } from './transaction.js';

/**
 * Whether this run has already issued the CREATE TABLE IF NOT EXISTS for its two tables. A
 * transaction that rolls back (and the run goes on) must reset it: the CREATE went with it.
 */
export interface TrackingState {
  created: boolean;
}

export interface OpenTransaction {
  readonly settings: readonly SessionSetting[];
  /** The steps run in it so far (`upgrade of revision 1a2b (path)`), for the error if COMMIT fails. */
  readonly steps: string[];
  /** History rows of batched steps, sent with the next batch or with COMMIT. */
  readonly deferred: DeferredWrite[];
  commit(): Promise<void>;
  /** Best effort: never throws, so that it cannot hide the error that caused it. */
  rollback(): Promise<void>;
}

/**
 * BEGIN, then read the version table under the write lock: if it is not what the step was
 * prepared for (or a revision is half-done), roll back and report `stale`.
 */
async function beginChecked(session: Session, expected: readonly string[], tracking: TrackingState): Promise<boolean> {
  const { conn, runtime, tables } = session;
  // Once this run has created the tables (in a transaction that committed, see TrackingState)
  // the catalog need not be asked again before every step, and where the driver sends batches
  // BEGIN and both reads take one round trip.
  const batched = tracking.created && conn.batch !== undefined;
  let state: { heads: string[]; started: readonly unknown[] } | undefined;
  if (batched) {
    try {
      state = await runtime.beginAndReadState(conn, tables.version, tables.history);
    } catch (error: unknown) {
      await rollbackQuietly(session);
      throw error instanceof BatchStatementError ? error.cause : error;
    }
  } else {
    await begin(session);
  }
  try {
    const known = { tableExists: tracking.created };
    const heads = state?.heads ?? (await runtime.readVersions(conn, tables.version, known));
    const started = state?.started ?? (await runtime.readHistory(conn, tables.history, 'started', known));
    if (!sameHeads(heads, expected) || started.length > 0) {
      await exec(session, session.runtime.rollback());
      return false;
    }
    if (!tracking.created) {
      for (const statement of createTrackingTables(session.runtime, session.tables)) {
        await exec(session, statement).catch((error: unknown) => {
          throw trackingTableError(session, error);
        });
      }
      tracking.created = true;
    }
    return true;
  } catch (error: unknown) {
    await rollbackQuietly(session);
    throw error;
  }
}

export async function openTransaction(
  session: Session,
  settings: readonly SessionSetting[],
  expected: readonly string[],
  tracking: TrackingState,
): Promise<OpenTransaction | 'stale'> {
  const restore = await applySettings(session.conn, session.runtime, settings);
  try {
    if (!(await beginChecked(session, expected, tracking))) {
      await restore();
      return 'stale';
    }
  } catch (error: unknown) {
    await quietly(restore);
    throw error;
  }
  const steps: string[] = [];
  const deferred: DeferredWrite[] = [];
  return {
    settings,
    steps,
    deferred,
    async commit() {
      try {
        const writes = deferred.splice(0);
        if (writes.length > 0) await sendWrites(session, writes, session.runtime.commit());
        else await exec(session, session.runtime.commit());
      } catch (error: unknown) {
        await rollbackQuietly(session);
        await quietly(restore);
        if (error instanceof MigrationError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError('E_COMMIT_FAILED', `COMMIT of ${steps.join(', ')} failed: ${reason}`, {
          cause: error,
          hint: 'the transaction was rolled back: schema, version table and history are as they were before it',
        });
      }
      await restore();
    },
    async rollback() {
      await rollbackQuietly(session);
      await quietly(restore);
    },
  };
}

/** Compiles ops that followed an `execute`, against the database as that SQL left it. */
export type CompileLater = (ops: readonly Op[]) => Promise<Statement[]>;

/**
 * Ops compiled only after an `execute` ran need a session setting the step did not set
 * before BEGIN. The runner undoes the step and runs it again with the setting, when nothing
 * else shares its transaction.
 */
export class SettingsNeeded extends MigrationError {
  constructor(
    owner: StatementOwner,
    readonly settings: readonly SessionSetting[],
  ) {
    const names = settings.map((s) => `${s.name} = ${s.value}`).join(', ');
    super('E_COMPILE', `${describeOwner(owner)}: an operation after op.execute() needs ${names}, set before the transaction begins`, {
      hint: 'move the operations after the execute into a revision of their own',
    });
  }
}

/** What compiles only after an `execute` ran must fit the transaction (and settings) already begun. */
function checkLater(owner: StatementOwner, statements: readonly Statement[], inTransaction: boolean, settings: readonly SessionSetting[]): void {
  if (inTransaction && statements.some((statement) => !statement.transactional)) {
    throw new MigrationError('E_COMPILE', `${describeOwner(owner)}: an operation after op.execute() cannot run inside a transaction`, {
      hint: 'add `export const transactional = false` to the revision',
    });
  }
  const missing = settingsOf(statements).filter((needed) => !settings.some((s) => s.name === needed.name && s.value === needed.value));
  if (missing.length > 0) throw new SettingsNeeded(owner, missing);
}

async function runStepStatements(
  session: Session,
  compiled: CompiledStep,
  owner: StatementOwner,
  run: { readonly inTransaction: boolean; readonly settings: readonly SessionSetting[]; readonly compileLater: CompileLater },
): Promise<void> {
  for (const statement of compiled.statements) await runStatement(session.conn, statement, owner, run.inTransaction);
  for (const ops of compiled.later) {
    const statements = await run.compileLater(ops);
    checkLater(owner, statements, run.inTransaction, run.settings);
    for (const statement of statements) await runStatement(session.conn, statement, owner, run.inTransaction);
  }
}

/** Runs the step inside the open transaction; returns its duration. */
export async function runInTransaction(
  session: Session,
  tx: OpenTransaction,
  compiled: CompiledStep,
  began: number,
  compileLater: CompileLater,
): Promise<number> {
  const owner = ownerOf(compiled.step);
  tx.steps.push(describeOwner(owner));
  const versions = versionStatements(session.runtime, session.tables, compiled.step.versionChange);
  const leading = tx.deferred.splice(0);
  const batched = await runBatched(session, compiled, owner, versions, leading);
  if (!batched) {
    for (const write of leading) await runStatement(session.conn, write.statement, write.owner, true);
    await runStepStatements(session, compiled, owner, { inTransaction: true, settings: tx.settings, compileLater });
  }
  // The history row waits for the statements: it records how long they took. It can then wait
  // for the transaction's next round trip too, in the same transaction.
  const durationMs = Math.round(performance.now() - began);
  const history = historyStatement(session.runtime, session.tables, compiled.step, 'finished', durationMs);
  if (batched) tx.deferred.push({ statement: history, owner });
  else await writeTracking(session, owner, batched ? [] : versions, [history]);
  return durationMs;
}

async function writeTracking(
  session: Session,
  owner: StatementOwner,
  versions: readonly Statement[],
  history: readonly Statement[],
): Promise<void> {
  for (const statement of versions) await runVersionStatement(session.conn, statement, owner);
  for (const statement of history) await runStatement(session.conn, statement, owner, true);
}

/** Writes to the tracking tables in the transaction already begun, and commits it. */
async function completeTransaction(
  session: Session,
  owner: StatementOwner,
  versions: readonly Statement[],
  history: readonly Statement[],
): Promise<void> {
  try {
    await writeTracking(session, owner, versions, history);
    await exec(session, session.runtime.commit());
  } catch (error: unknown) {
    await rollbackQuietly(session);
    throw error;
  }
}

export async function runOutsideTransaction(
  session: Session,
  compiled: CompiledStep,
  settings: readonly SessionSetting[],
  expected: readonly string[],
  tracking: TrackingState,
  began: number,
  compileLater: CompileLater,
): Promise<number | 'stale'> {
  const { runtime, tables } = session;
  const owner = ownerOf(compiled.step);
  const restore = await applySettings(session.conn, runtime, settings);
  let durationMs: number;
  try {
    if (!(await beginChecked(session, expected, tracking))) {
      await restore();
      return 'stale';
    }
    await completeTransaction(session, owner, [], [historyStatement(runtime, tables, compiled.step, 'started', null)]);
    await runStepStatements(session, compiled, owner, { inTransaction: false, settings, compileLater });
    durationMs = Math.round(performance.now() - began);
    await begin(session);
    await completeTransaction(session, owner, versionStatements(runtime, tables, compiled.step.versionChange), [
      runtime.finishHistory(tables.history, compiled.step.revision, durationMs),
    ]);
  } catch (error: unknown) {
    // A dialect may group statements that must not half-apply in a savepoint of their own (a
    // SQLite table rebuild): a failure inside leaves that transaction open, and it is undone.
    await rollbackQuietly(session);
    await quietly(restore);
    throw error;
  }
  await restore();
  return durationMs;
}

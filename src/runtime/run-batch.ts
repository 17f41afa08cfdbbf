/**
 * A transactional step's statements and its version-row writes in one round trip, where the
 * driver can send several statements at once and say which one failed (PostgreSQL). On a
 * chain of small revisions the round trips, not the server's work, are much of the time.
 * A step's history row, which must wait for its statements (it records how long they took),
 * travels with the next step's batch or with COMMIT (DeferredWrite). Only plain steps qualify: no `execute` (raw SQL may hold several statements, or need the
 * ops after it compiled later), no bound parameters except the version writes' own (their
 * values are written as literals), no statement whose result is checked.
 */
import { BatchStatementError, type Statement } from '../dialects/dialect.js';
import type { CompiledStep } from './compile-step.js';
import { statementError, type StatementOwner } from './run-statement.js';
import type { Session } from './session.js';

function batchable(compiled: CompiledStep): boolean {
  return (
    compiled.later.length === 0 &&
    !compiled.ops.some((op) => op.kind === 'execute') &&
    compiled.statements.every((s) => s.params.length === 0 && s.assertNoRows === undefined && s.transactional && s.sql.trim() !== '')
  );
}

function driverMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** A tracking-table write held back to travel with the transaction's next round trip. */
export interface DeferredWrite {
  readonly statement: Statement;
  readonly owner: StatementOwner;
}

/**
 * Sends `leading` (earlier steps' deferred writes), then `statements` of `owner`, in one round
 * trip; a failing statement's error names the step it belongs to. Returns each row count.
 */
async function sendBatch(
  session: Session,
  leading: readonly DeferredWrite[],
  statements: readonly Statement[],
  owner: StatementOwner,
): Promise<number[]> {
  const { conn, runtime } = session;
  const all = [...leading, ...statements.map((statement) => ({ statement, owner }))];
  try {
    const results = await conn.batch!(all.map((w) => runtime.inlineParams(w.statement)));
    return results.slice(leading.length).map((r) => r.rowCount);
  } catch (error: unknown) {
    if (!(error instanceof BatchStatementError)) throw error;
    const failed = all[error.index] ?? all[all.length - 1]!;
    throw statementError(failed.owner, failed.statement, driverMessage(error.cause), { cause: error.cause, rolledBack: true });
  }
}

/** True when the connection can send deferred writes along with a later round trip. */
export function canDefer(session: Session): boolean {
  return session.conn.batch !== undefined;
}

/**
 * Runs the deferred writes, then `last` (COMMIT), in one round trip. A deferred write that
 * fails is reported as its step's statement; `last` failing throws the driver's error.
 */
export async function flushDeferred(session: Session, deferred: readonly DeferredWrite[], last: Statement): Promise<void> {
  const { conn, runtime } = session;
  try {
    await conn.batch!([...deferred.map((w) => runtime.inlineParams(w.statement)), runtime.inlineParams(last)]);
  } catch (error: unknown) {
    if (!(error instanceof BatchStatementError)) throw error;
    const failed = deferred[error.index];
    if (failed === undefined) throw error.cause;
    throw statementError(failed.owner, failed.statement, driverMessage(error.cause), { cause: error.cause, rolledBack: true });
  }
}

/**
 * Runs `leading`, the step's statements, then `versions`, each of which must touch exactly one
 * row; the errors read as runStatement's and runVersionStatement's do. False when the step does
 * not qualify: nothing ran, and the caller runs the statements one by one.
 */
export async function runBatched(
  session: Session,
  compiled: CompiledStep,
  owner: StatementOwner,
  versions: readonly Statement[],
  leading: readonly DeferredWrite[],
): Promise<boolean> {
  if (session.conn.batch === undefined || !batchable(compiled)) return false;
  const counts = await sendBatch(session, leading, [...compiled.statements, ...versions], owner);
  versions.forEach((statement, i) => {
    const rowCount = counts[compiled.statements.length + i];
    if (rowCount !== 1) {
      throw statementError(owner, statement, `the version table changed under this run (${rowCount} rows matched, expected 1)`, {
        rolledBack: true,
      });
    }
  });
  return true;
}

/**
 * A transactional step's statements and its version-row writes in one round trip, where the
 * driver can send several statements at once and say which one failed (PostgreSQL). On a
 * chain of small revisions the round trips, not the server's work, are much of the time.
 * A step's history row, which must wait for its statements (it records how long they took),
 * travels with the next step's batch or with COMMIT (DeferredWrite). Only plain steps
 * qualify: no `execute` (raw SQL may hold several statements, or need the ops after it
 * compiled later), no bound parameters except the version writes' own (their values are
 * written as literals), no statement whose result is checked.
 */
import { BatchStatementError, type Statement } from '../dialects/dialect.js';
import type { CompiledStep } from './compile-step.js';
import { driverMessage, statementError, type StatementOwner } from './run-statement.js';
import type { Session } from './session.js';

function batchable(compiled: CompiledStep): boolean {
  return (
    compiled.later.length === 0 &&
    !compiled.ops.some((op) => op.kind === 'execute') &&
    compiled.statements.every((s) => s.params.length === 0 && s.assertNoRows === undefined && s.transactional && s.sql.trim() !== '')
  );
}

/** A tracking-table write held back to travel with the transaction's next round trip. */
export interface DeferredWrite {
  readonly statement: Statement;
  readonly owner: StatementOwner;
}

/**
 * Sends `writes` in one round trip, then `commit` when given; each write's row count. A failing
 * write is reported as its own step's statement; `commit` failing throws the driver's error.
 */
export async function sendWrites(session: Session, writes: readonly DeferredWrite[], commit?: Statement): Promise<number[]> {
  const { conn, runtime } = session;
  const sqls = writes.map((w) => runtime.inlineParams(w.statement));
  if (commit !== undefined) sqls.push(runtime.inlineParams(commit));
  try {
    return (await conn.batch!(sqls)).map((r) => r.rowCount);
  } catch (error: unknown) {
    if (!(error instanceof BatchStatementError)) throw error;
    const failed = writes[error.index] ?? (commit === undefined ? writes[writes.length - 1] : undefined);
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
  const own = [...compiled.statements, ...versions].map((statement) => ({ statement, owner }));
  const counts = await sendWrites(session, [...leading, ...own]);
  versions.forEach((statement, i) => {
    const rowCount = counts[leading.length + compiled.statements.length + i];
    if (rowCount !== 1) {
      throw statementError(owner, statement, `the version table changed under this run (${rowCount} rows matched, expected 1)`, {
        rolledBack: true,
      });
    }
  });
  return true;
}

/**
 * A transactional step's statements and its version-row writes in one round trip, where the
 * driver can send several statements at once and say which one failed (PostgreSQL). On a
 * chain of small revisions the round trips, not the server's work, are much of the time.
 * Only plain steps qualify: no `execute` (raw SQL may hold several statements, or need the
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

/**
 * Runs the step's statements, then `versions`, each of which must touch exactly one row; the
 * errors read as runStatement's and runVersionStatement's do. False when the step does not
 * qualify: nothing ran, and the caller runs the statements one by one.
 */
export async function runBatched(
  session: Session,
  compiled: CompiledStep,
  owner: StatementOwner,
  versions: readonly Statement[],
): Promise<boolean> {
  const { conn, runtime } = session;
  if (conn.batch === undefined || !batchable(compiled)) return false;
  const statements = [...compiled.statements, ...versions];
  let counts: number[];
  try {
    counts = await conn.batch(statements.map((s) => runtime.inlineParams(s)));
  } catch (error: unknown) {
    if (!(error instanceof BatchStatementError)) throw error;
    const failed = statements[error.index] ?? statements[statements.length - 1]!;
    throw statementError(owner, failed, driverMessage(error.cause), { cause: error.cause, rolledBack: true });
  }
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

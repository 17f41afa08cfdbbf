/**
 * Runs one statement of a revision, turning a driver error (or rows from a check query)
 * into a MigrationError that names the revision, its file and the statement.
 */
import type { Connection, QueryResult, Statement } from '../dialects/dialect.js';
import { MigrationError } from '../errors.js';

export interface StatementOwner {
  readonly revision: string;
  readonly path: string;
  readonly direction: 'up' | 'down';
}

const SHOWN_SQL = 200;

/** A statement flattened to one line and cut at 200 characters, for one-line error messages. */
export function shortSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > SHOWN_SQL ? `${flat.slice(0, SHOWN_SQL)}...` : flat;
}

export function describeOwner(owner: StatementOwner): string {
  return `${owner.direction === 'up' ? 'upgrade' : 'downgrade'} of revision ${owner.revision} (${owner.path})`;
}

export function statementError(
  owner: StatementOwner,
  statement: Statement,
  reason: string,
  options: { readonly cause?: unknown; readonly rolledBack: boolean },
): MigrationError {
  return new MigrationError(
    'E_STATEMENT_FAILED',
    `${describeOwner(owner)} failed: ${reason}; statement: ${shortSql(statement.sql)}`,
    {
      cause: options.cause,
      hint: options.rolledBack
        ? 'the revision was rolled back: schema, version table and history are as they were before it'
        : 'the revision ran outside a transaction: what ran before this statement stays applied',
    },
  );
}

/** The first line of a driver's error: what a user reads in the one-line message. */
export function driverMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export async function runStatement(
  conn: Connection,
  statement: Statement,
  owner: StatementOwner,
  rolledBack: boolean,
): Promise<QueryResult> {
  let result: QueryResult;
  try {
    result = await conn.query(statement.sql, statement.params);
  } catch (error: unknown) {
    throw statementError(owner, statement, driverMessage(error), { cause: error, rolledBack });
  }
  if (statement.assertNoRows !== undefined && result.rows.length > 0) {
    const sample = JSON.stringify(result.rows.slice(0, 3));
    throw statementError(owner, statement, `${statement.assertNoRows} (${result.rows.length} rows, first: ${sample})`, {
      rolledBack,
    });
  }
  return result;
}

/** A version-table write that does not touch exactly one row means the table changed under us. */
export async function runVersionStatement(conn: Connection, statement: Statement, owner: StatementOwner): Promise<void> {
  const result = await runStatement(conn, statement, owner, true);
  if (result.rowCount !== 1) {
    throw statementError(owner, statement, `the version table changed under this run (${result.rowCount} rows matched, expected 1)`, {
      rolledBack: true,
    });
  }
}

/**
 * The parts of the version and history tables that read the same on every dialect: Alembic's
 * version table DDL, the reads, and the mapping of a history row. Placeholders, column types
 * and how a table's existence is looked up differ, so each runtime passes those in.
 */
import type { Connection } from '../dialect.js';
import type { DialectRuntime, HistoryRow, QualifiedName } from '../dialect-runtime.js';

export const HISTORY_COLUMNS = 'id, revision, direction, checksum, applied_at, duration_ms, status';

/** Alembic's own table, so either tool can take over a database with `stamp`. */
export function versionTableDdl(qualifiedName: string, quotedConstraint: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${qualifiedName} (\n` +
    '    version_num VARCHAR(32) NOT NULL,\n' +
    `    CONSTRAINT ${quotedConstraint} PRIMARY KEY (version_num)\n)`
  );
}

export function historyRow(row: Record<string, unknown>): HistoryRow {
  return {
    id: Number(row['id']),
    revision: String(row['revision']),
    direction: row['direction'] as HistoryRow['direction'],
    checksum: row['checksum'] === null ? null : String(row['checksum']),
    appliedAt: row['applied_at'],
    durationMs: row['duration_ms'] === null ? null : Number(row['duration_ms']),
    status: row['status'] as HistoryRow['status'],
  };
}

export interface TrackingReadSql {
  qualified(table: QualifiedName): string;
  tableExists(conn: Connection, table: QualifiedName): Promise<boolean>;
  /** The dialect's first bound parameter (`$1`, `?`). */
  readonly placeholder: string;
  /** The dialect's BEGIN, as `begin()` gives it. */
  readonly begin: string;
}

/**
 * `readVersions` and `readHistory` (empty while the table does not exist yet), and
 * `beginAndReadState`, the same reads after BEGIN in one round trip.
 */
export function trackingReaders(
  sql: TrackingReadSql,
): Pick<DialectRuntime, 'readVersions' | 'readHistory' | 'beginAndReadState'> {
  const versionsSql = (table: QualifiedName): string => `SELECT version_num FROM ${sql.qualified(table)}`;
  /** `status` is written as `value`: a placeholder, or the literal where a batch takes no parameters. */
  const historySql = (table: QualifiedName, value?: string): string =>
    `SELECT ${HISTORY_COLUMNS} FROM ${sql.qualified(table)}${value === undefined ? '' : ` WHERE status = ${value}`} ORDER BY id`;
  return {
    async beginAndReadState(conn, version, history) {
      if (conn.batch === undefined) throw new Error('beginAndReadState needs a connection that sends batches');
      const [, versions, started] = await conn.batch([
        sql.begin,
        versionsSql(version),
        historySql(history, "'started'"),
      ]);
      return { heads: versionRows(versions!.rows), started: started!.rows.map(historyRow) };
    },
    async readVersions(conn, table, options) {
      if (options?.tableExists !== true && !(await sql.tableExists(conn, table))) return [];
      return versionRows((await conn.query(versionsSql(table))).rows);
    },
    async readHistory(conn, table, status, options) {
      if (options?.tableExists !== true && !(await sql.tableExists(conn, table))) return [];
      const result = await conn.query(historySql(table, status === undefined ? undefined : sql.placeholder), status === undefined ? [] : [status]);
      return result.rows.map(historyRow);
    },
  };
}

function versionRows(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) => String(row['version_num']));
}

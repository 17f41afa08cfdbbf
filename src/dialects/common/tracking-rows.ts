/**
 * The parts of the version and history tables that read the same on every dialect: Alembic's
 * version table DDL, the reads, and the mapping of a history row. Placeholders, column types
 * and how a table's existence is looked up differ, so each runtime passes those in.
 */
import type { Connection, Statement } from '../dialect.js';
import type { DialectRuntime, HistoryRow, HistoryStatus, QualifiedName } from '../dialect-runtime.js';

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
  const versionsQuery = (table: QualifiedName): Statement => ({
    sql: `SELECT version_num FROM ${sql.qualified(table)}`,
    params: [],
    transactional: true,
  });
  const historyQuery = (table: QualifiedName, status?: HistoryStatus): Statement => ({
    sql: `SELECT ${HISTORY_COLUMNS} FROM ${sql.qualified(table)}${status === undefined ? '' : ` WHERE status = ${sql.placeholder}`} ORDER BY id`,
    params: status === undefined ? [] : [status],
    transactional: true,
  });
  return {
    async beginAndReadState(conn, version, history) {
      if (conn.batch === undefined) throw new Error('beginAndReadState needs a connection that sends batches');
      const [, versions, started] = await conn.batch([
        sql.begin,
        versionsQuery(version).sql,
        `SELECT ${HISTORY_COLUMNS} FROM ${sql.qualified(history)} WHERE status = 'started' ORDER BY id`,
      ]);
      return { heads: versionRows(versions!.rows), started: started!.rows.map(historyRow) };
    },
    async readVersions(conn, table, options) {
      if (options?.tableExists !== true && !(await sql.tableExists(conn, table))) return [];
      const query = versionsQuery(table);
      return versionRows((await conn.query(query.sql, query.params)).rows);
    },
    async readHistory(conn, table, status, options) {
      if (options?.tableExists !== true && !(await sql.tableExists(conn, table))) return [];
      const query = historyQuery(table, status);
      return (await conn.query(query.sql, query.params)).rows.map(historyRow);
    },
  };
}

export function versionRows(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) => String(row['version_num']));
}

/**
 * The parts of the version and history tables that read the same on every dialect: Alembic's
 * version table DDL and the mapping of a history row. Placeholders and column types differ,
 * so the statements themselves stay in each dialect's runtime.
 */
import type { HistoryRow } from '../dialect-runtime.js';

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

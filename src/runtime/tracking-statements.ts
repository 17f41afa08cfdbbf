/**
 * The writes to the version and history tables that go with a step, as statements: run in
 * the step's transaction online, printed after the step's DDL offline.
 */
import type { Statement } from '../dialects/dialect.js';
import type { DialectRuntime, HistoryStatus } from '../dialects/dialect-runtime.js';
import { versionRowOps, type PlannedStep, type VersionChange } from './plan.js';
import type { TrackingTables } from './tracking-tables.js';

export function createTrackingTables(runtime: DialectRuntime, tables: TrackingTables): Statement[] {
  return [runtime.createVersionTable(tables.version), runtime.createHistoryTable(tables.history)];
}

/** One statement per version row touched; online, each must touch exactly one row. */
export function versionStatements(runtime: DialectRuntime, tables: TrackingTables, change: VersionChange): Statement[] {
  return versionRowOps(change).map((op) => {
    if (op.kind === 'insert') return runtime.insertVersion(tables.version, op.revision);
    if (op.kind === 'delete') return runtime.deleteVersion(tables.version, op.revision);
    return runtime.updateVersion(tables.version, op.from, op.to);
  });
}

export function historyStatement(
  runtime: DialectRuntime,
  tables: TrackingTables,
  step: PlannedStep,
  status: HistoryStatus,
  durationMs: number | null,
): Statement {
  return runtime.insertHistory(tables.history, {
    revision: step.revision,
    direction: step.direction,
    checksum: step.script.checksum,
    durationMs,
    status,
  });
}

/**
 * The runner's public surface, for the CLI and the programmatic API.
 */
export type { CurrentResult, ProgressEvent, RunContext, RunnerConfig, RunResult, StepResult, UnfinishedRevision } from './context.js';
export { DEFAULT_LOCK_TIMEOUT_MS } from './context.js';
export { checksumProblems, describeChecksumProblem, readDatabaseState, type ChecksumProblem, type DatabaseState } from './database-state.js';
export { current, downgrade, upgrade } from './migrate.js';
export { downgradeSql, stampSql, upgradeSql } from './offline.js';
export { stamp, type StampOptions, type StampResult } from './stamp.js';
export { HISTORY_TABLE, isTrackingTable, trackingTables, type TrackingTables } from './tracking-tables.js';

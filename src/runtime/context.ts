/**
 * What the runner's entry points take and return. The runner prints nothing: progress goes
 * to `onProgress`, results are returned as plain data, problems are thrown as AlembicErrors.
 */
import type { Config } from '../config/config.js';
import type { DatabaseUrl } from '../config/url.js';
import type { Connection } from '../dialects/dialect.js';
import type { ChecksumProblem } from './database-state.js';
import type { RevisionGraph } from './plan.js';

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/** One revision run (or stamped), as the CLI prints it: `Running upgrade 1a2b -> 3c4d, add isbn (12 ms)`. */
export interface ProgressEvent {
  readonly kind: 'step';
  readonly direction: 'up' | 'down';
  /** The revisions the step leaves: empty for the first revision of a branch. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly message: string;
  readonly durationMs: number;
}

export type RunnerConfig = Pick<Config, 'versionTable' | 'versionTableSchema' | 'transactionPerMigration'>;

export interface RunContext {
  readonly config: RunnerConfig;
  readonly url: DatabaseUrl;
  readonly graph: RevisionGraph;
  /** `-x key=value` arguments, read by migrations as `op.x`. */
  readonly x?: Readonly<Record<string, string>>;
  /** How long to wait for another run's lock (`--lock-timeout`); default 60 s. */
  readonly lockTimeoutMs?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** An open connection to use instead of one opened from `url`; the runner leaves it open. */
  readonly connection?: Connection;
}

export interface StepResult {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly message: string;
  readonly path: string;
  readonly transactional: boolean;
  readonly durationMs: number;
}

export interface RunResult {
  readonly steps: readonly StepResult[];
  /** The version table's rows after the run. */
  readonly heads: readonly string[];
}

export interface UnfinishedRevision {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  readonly startedAt: unknown;
}

export interface CurrentResult {
  readonly heads: readonly string[];
  /** Revisions that began outside a transaction and never finished (a crash mid-way). */
  readonly unfinished: readonly UnfinishedRevision[];
  /** Applied revisions whose file was edited since, or is gone (what `check` reports). */
  readonly checksumProblems: readonly ChecksumProblem[];
}

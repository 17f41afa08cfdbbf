/**
 * What the runner needs from a dialect beyond DDL: the migration lock, transactions, session
 * settings, and the statements for the version and history tables. Implemented per dialect in
 * `<dialect>/<dialect>-runtime.ts`.
 *
 * Writes are returned as Statements, never run here, so that the runner executes them online
 * and prints them in offline mode (`--sql`) from the same source.
 */
import type { DatabaseUrl } from '../config/url.js';
import type { Connection, Statement } from './dialect.js';

/** A table name with its schema; `schema: null` is the connection's default schema. */
export interface QualifiedName {
  readonly schema: string | null;
  readonly name: string;
}

/** `stamp` rows record the checksums of revisions put in place without running them. */
export type HistoryDirection = 'up' | 'down' | 'stamp';

/**
 * `started` is written before a revision that runs outside a transaction and becomes
 * `finished` after it; a crash in between leaves `started`, until `stamp` marks it `resolved`.
 */
export type HistoryStatus = 'started' | 'finished' | 'resolved';

export interface HistoryEntry {
  readonly revision: string;
  readonly direction: HistoryDirection;
  /** SHA-256 (hex) of the revision file, line endings normalized. */
  readonly checksum: string | null;
  readonly durationMs: number | null;
  readonly status: HistoryStatus;
}

export interface HistoryRow extends HistoryEntry {
  readonly id: number;
  /** As the database returns it (a Date on PostgreSQL, ISO text on SQLite). */
  readonly appliedAt: unknown;
}

export interface LockOptions {
  readonly timeoutMs: number;
  /** The lock is per version table, so two projects sharing a database do not wait on each other. */
  readonly versionTable: QualifiedName;
}

export interface MigrationLock {
  release(): Promise<void>;
}

export interface TrackingReadOptions {
  /**
   * The caller knows the table exists (this run created it, or read it already in a committed
   * transaction): skip the catalog lookup, one round trip per step on a long chain.
   */
  readonly tableExists?: boolean;
}

export interface DialectRuntime {
  /**
   * Take the lock that keeps two runs from migrating one database at once, held until
   * `release()`. Gives up after `timeoutMs` with an error naming the holder where the server
   * tells. Where the lock comes with each write transaction instead (SQLite), this only makes
   * `conn` wait up to `timeoutMs` for it.
   */
  acquireLock(conn: Connection, url: DatabaseUrl, options: LockOptions): Promise<MigrationLock>;
  /** Starts a transaction that holds the write lock from its first statement. */
  begin(): Statement;
  commit(): Statement;
  rollback(): Statement;
  /** True when `error` means another connection held the lock past the timeout. */
  isLockTimeout(error: unknown): boolean;

  /** The current value of a session setting, in the form `setSessionSetting` accepts back. */
  readSessionSetting(conn: Connection, name: string): Promise<string>;
  setSessionSetting(name: string, value: string): Statement;
  /**
   * The value a connection of this tool starts with; offline scripts restore it after a step
   * that changed it, since they cannot read the previous one. null: nothing to restore.
   */
  defaultSessionSetting(name: string): string | null;

  /** Rows of the version table; empty when the table does not exist yet. */
  readVersions(conn: Connection, table: QualifiedName, options?: TrackingReadOptions): Promise<string[]>;
  /**
   * Rows of the history table by id, only those with `status` when given (the check made
   * before every step reads only the `started` ones); empty when the table does not exist yet.
   */
  readHistory(conn: Connection, table: QualifiedName, status?: HistoryStatus, options?: TrackingReadOptions): Promise<HistoryRow[]>;
  /**
   * `begin()`, then the reads made before every step (the version rows, the `started` history
   * rows), in one round trip: for tables known to exist, on a connection with `batch`.
   */
  beginAndReadState(conn: Connection, version: QualifiedName, history: QualifiedName): Promise<{ heads: string[]; started: HistoryRow[] }>;
  /**
   * What a statement stopped half-way outside a transaction leaves behind that the catalog
   * shows (on PostgreSQL, an index left INVALID by `CREATE INDEX CONCURRENTLY`), one line per
   * object for a person to act on. Read only when a revision is recorded as started and not
   * finished. Absent where nothing can be left behind (every statement is atomic).
   */
  readLeftovers?(conn: Connection): Promise<string[]>;

  /** Alembic's own version table, `CREATE ... IF NOT EXISTS`. */
  createVersionTable(table: QualifiedName): Statement;
  createHistoryTable(table: QualifiedName): Statement;
  insertVersion(table: QualifiedName, version: string): Statement;
  updateVersion(table: QualifiedName, from: string, to: string): Statement;
  deleteVersion(table: QualifiedName, version: string): Statement;
  deleteAllVersions(table: QualifiedName): Statement;
  insertHistory(table: QualifiedName, entry: HistoryEntry): Statement;
  /** Marks the newest `started` row of `revision` finished. */
  finishHistory(table: QualifiedName, revision: string, durationMs: number | null): Statement;
  /** Marks every `started` row resolved (after the user fixed things by hand and stamped). */
  resolveStartedHistory(table: QualifiedName): Statement;

  /** The statement with its parameters written in as literals, for offline mode. */
  inlineParams(statement: Statement): string;
}

/**
 * What the runner needs from a dialect beyond DDL: the migration lock, transactions, and
 * the statements for the version and history tables. Implemented per dialect in
 * `<dialect>/<dialect>-runtime.ts`.
 */
import type { Connection } from './dialect.js';

export interface DialectRuntime {
  /**
   * Take the lock that keeps two runs from migrating one database at once, held until the
   * returned function is called. Gives up after `timeoutMs` with an error naming the holder.
   */
  acquireLock(conn: Connection, options: { readonly timeoutMs: number }): Promise<() => Promise<void>>;
}

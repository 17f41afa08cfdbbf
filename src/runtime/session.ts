/**
 * A run against one database: its dialect, a connection, and (for commands that write) the
 * migration lock, held from before the version table is read until the run ends.
 */
import type { Connection, Dialect } from '../dialects/dialect.js';
import type { DialectRuntime } from '../dialects/dialect-runtime.js';
import { loadDialect } from '../dialects/registry.js';
import { DEFAULT_LOCK_TIMEOUT_MS, type RunContext } from './context.js';
import { trackingTables, type TrackingTables } from './tracking-tables.js';

export interface Session {
  readonly ctx: RunContext;
  readonly conn: Connection;
  readonly dialect: Dialect;
  readonly runtime: DialectRuntime;
  readonly tables: TrackingTables;
}

async function open<T>(ctx: RunContext, fn: (session: Session) => Promise<T>): Promise<T> {
  const { dialect, runtime } = await loadDialect(ctx.url.dialect);
  const tables = trackingTables(ctx.config, dialect);
  const conn = ctx.connection ?? (await dialect.connect(ctx.url));
  const session: Session = { ctx, conn, dialect, runtime, tables };
  try {
    return await fn(session);
  } finally {
    if (ctx.connection === undefined) await conn.close();
  }
}

/** For reads (`current`, `check`): no lock. */
export function withConnection<T>(ctx: RunContext, fn: (session: Session) => Promise<T>): Promise<T> {
  return open(ctx, fn);
}

/** For writes: `fn` runs while this run holds the migration lock. */
export function withLock<T>(ctx: RunContext, fn: (session: Session) => Promise<T>): Promise<T> {
  return open(ctx, async (session) => {
    const lock = await session.runtime.acquireLock(session.conn, ctx.url, {
      timeoutMs: ctx.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      versionTable: session.tables.version,
    });
    let result: T;
    try {
      result = await fn(session);
    } catch (error: unknown) {
      // The run's own error is the one to report; a failed release is then only noise
      // (PostgreSQL frees the lock with the connection anyway).
      await lock.release().catch(() => undefined);
      throw error;
    }
    await lock.release();
    return result;
  });
}

/**
 * The few transaction moves every writer needs, with SQLite's "database is locked" after the
 * busy timeout turned into an error a user can act on.
 */
import type { Statement } from '../dialects/dialect.js';
import { MigrationError } from '../errors.js';
import { DEFAULT_LOCK_TIMEOUT_MS } from './context.js';
import type { Session } from './session.js';

export async function exec(session: Session, statement: Statement): Promise<void> {
  await session.conn.query(statement.sql, statement.params);
}

export async function begin(session: Session): Promise<void> {
  try {
    await exec(session, session.runtime.begin());
  } catch (error: unknown) {
    if (!session.runtime.isLockTimeout(error)) throw error;
    const seconds = (session.ctx.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS) / 1000;
    throw new MigrationError('E_LOCK_TIMEOUT', `the database stayed locked by another connection for ${seconds} s`, {
      hint: 'another migration run (or a long write) holds it: wait for it to finish, or raise --lock-timeout',
      cause: error,
    });
  }
}

/** For clean-up on a path that is already failing: its own error would hide the real one. */
export async function quietly(action: () => Promise<unknown>): Promise<void> {
  await action().catch(() => undefined);
}

export function rollbackQuietly(session: Session): Promise<void> {
  return quietly(() => exec(session, session.runtime.rollback()));
}

/** The version or history table cannot be created (a missing schema, no privilege). */
export function trackingTableError(session: Session, error: unknown): MigrationError {
  const { schema, name } = session.tables.version;
  const where = schema === null ? name : `${schema}.${name}`;
  const reason = error instanceof Error ? error.message : String(error);
  return new MigrationError('E_VERSION_TABLE', `cannot create the version table ${where} or the history beside it: ${reason}`, {
    cause: error,
    hint: 'check versionTable and versionTableSchema in the config, that the schema exists, and that this user may create tables in it',
  });
}

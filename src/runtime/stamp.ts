/**
 * `stamp`: set the version table without running migrations. Also the way out after a
 * revision was finished or undone by hand: it marks half-done revisions resolved, and it
 * records the checksums of the revisions it leaves applied, accepting their files as they are.
 */
import type { Statement } from '../dialects/dialect.js';
import type { RunContext } from './context.js';
import { readDatabaseState, recordedChecksums, type DatabaseState } from './database-state.js';
import { appliedRevisions, planStamp } from './plan.js';
import { withLock, type Session } from './session.js';
import { createTrackingTables, versionStatements } from './tracking-statements.js';
import { begin, exec, rollbackQuietly, trackingTableError } from './transaction.js';

export interface StampOptions {
  /** Delete every version row first, whatever it names (also revisions that no longer exist). */
  readonly purge?: boolean;
}

export interface StampResult {
  readonly heads: readonly string[];
  /** Revisions whose file checksum was recorded (none was, or a different one). */
  readonly recorded: readonly string[];
}

interface StampWrites {
  readonly statements: readonly Statement[];
  readonly result: StampResult;
}

function stampWrites(session: Session, state: DatabaseState, targets: readonly string[], options: StampOptions): StampWrites {
  const { runtime, tables, ctx } = session;
  const plan = planStamp(ctx.graph, state.heads, targets, { purge: options.purge === true });
  const heads = plan.headsAfter;
  const known = recordedChecksums(state.history);
  const recorded = appliedRevisions(ctx.graph, heads).filter((script) => known.get(script.revision) !== script.checksum);
  const statements = [
    ...(plan.purge ? [runtime.deleteAllVersions(tables.version)] : []),
    ...plan.changes.flatMap((change) => versionStatements(runtime, tables, change)),
    ...recorded.map((script) =>
      runtime.insertHistory(tables.history, {
        revision: script.revision,
        direction: 'stamp',
        checksum: script.checksum,
        durationMs: null,
        status: 'finished',
      }),
    ),
    runtime.resolveStartedHistory(tables.history),
  ];
  return { statements, result: { heads: [...heads].sort(), recorded: recorded.map((s) => s.revision) } };
}

/** Planned inside the transaction, from the version table as it is under the write lock. */
export function stamp(ctx: RunContext, targets: readonly string[], options: StampOptions = {}): Promise<StampResult> {
  return withLock(ctx, async (session) => {
    await begin(session);
    try {
      const state = await readDatabaseState(session.conn, session.runtime, session.tables);
      const writes = stampWrites(session, state, targets, options);
      for (const statement of createTrackingTables(session.runtime, session.tables)) {
        await exec(session, statement).catch((error: unknown) => {
          throw trackingTableError(session, error);
        });
      }
      for (const statement of writes.statements) await exec(session, statement);
      await exec(session, session.runtime.commit());
      return writes.result;
    } catch (error: unknown) {
      await rollbackQuietly(session);
      throw error;
    }
  });
}

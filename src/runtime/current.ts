/**
 * `current`: the database's version rows and what is wrong with them. Apart from the runner
 * (migrate.ts) so that reading them loads the session and the tracking tables' reader only,
 * not the modules that run steps.
 */
import type { CurrentResult, RunContext } from './context.js';
import { checksumProblems, readDatabaseState, unfinishedRevisions } from './database-state.js';
import { withConnection } from './session.js';

/** Takes no lock and changes nothing. */
export function current(ctx: RunContext): Promise<CurrentResult> {
  return withConnection(ctx, async (session) => {
    const state = await readDatabaseState(session.conn, session.runtime, session.tables);
    return { heads: state.heads, unfinished: unfinishedRevisions(state.history), checksumProblems: checksumProblems(state, ctx.graph) };
  });
}

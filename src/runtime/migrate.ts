/**
 * `upgrade`, `downgrade` and `current` against a live database.
 */
import type { RunContext, RunResult } from './context.js';
import { assertChecksumsMatch, assertNothingUnfinished, readDatabaseState, type DatabaseState } from './database-state.js';
import { planDowngrade, planUpgrade, type PlannedStep } from './plan.js';
import { runSteps } from './run-steps.js';
import { withLock } from './session.js';

export { current } from './current.js';

type Planner = (state: DatabaseState) => readonly PlannedStep[];

/**
 * Under the lock: read the version table, refuse on a half-done revision or an edited file,
 * plan from what was read (a run that waited for the lock sees what the other one did).
 */
function migrate(ctx: RunContext, plan: Planner): Promise<RunResult> {
  return withLock(ctx, async (session) => {
    const state = await readDatabaseState(session.conn, session.runtime, session.tables);
    assertNothingUnfinished(state, ctx.graph);
    assertChecksumsMatch(state, ctx.graph);
    const steps = await runSteps(session, plan(state), state.heads);
    const heads = await session.runtime.readVersions(session.conn, session.tables.version);
    return { steps, heads: heads.sort() };
  });
}

/** `target`: `head`, `heads`, a revision or unique prefix, `+N`, `REV+N`, `label@head`, `label@+N`. */
export function upgrade(ctx: RunContext, target = 'head'): Promise<RunResult> {
  return migrate(ctx, (state) => planUpgrade(ctx.graph, state.heads, target));
}

/** `target`: `-N`, `base`, a revision, `label@-N`. */
export function downgrade(ctx: RunContext, target: string): Promise<RunResult> {
  return migrate(ctx, (state) => planDowngrade(ctx.graph, state.heads, target));
}

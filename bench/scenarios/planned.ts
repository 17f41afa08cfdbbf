/** A command planned for timing with the row it will become, and the timing of a group. */
import type { BenchContext } from '../context.js';
import { measure, type TimedCommand } from '../harness/measure.js';
import type { Collector } from '../report/collector.js';
import { rowFromTiming, type RowBase, type ScenarioId } from '../report/result.js';

export interface Planned {
  readonly command: TimedCommand;
  readonly base: RowBase;
}

/** Times the group in one go (both tools back to back) and adds a row per command. */
export function timeGroup(
  ctx: BenchContext,
  out: Collector,
  scenario: ScenarioId,
  label: string,
  planned: readonly Planned[],
  defaults: { readonly runs: number; readonly warmup: number },
): void {
  if (planned.length === 0) return;
  ctx.log(`${scenario} ${label}: timing ${planned.map((p) => p.command.name).join(', ')}`);
  const timings = out.attempt(scenario, `timing ${label}`, () =>
    measure(
      planned.map((p) => p.command),
      ctx.settings(defaults.runs, defaults.warmup),
    ),
  );
  timings?.forEach((t, i) => out.add(rowFromTiming(planned[i]!.base, t)));
}

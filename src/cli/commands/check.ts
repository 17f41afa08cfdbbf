import { check } from '../../api/check.js';
import { printJson, printLine } from '../output.js';
import { renderOpSummary } from '../op-summary.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<number> {
  const devUrl = typeof flags['devUrl'] === 'string' ? flags['devUrl'] : undefined;
  const result = await check({ ...runOptions(flags), ...(devUrl === undefined ? {} : { devUrl }) });
  if (flags.json) {
    printJson(result);
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    printLine('No problems found: one head, the database is at head, and the models match it.');
    return 0;
  }
  for (const problem of result.problems) printLine(`FAIL ${problem.message}`);
  if (result.ops.length > 0) {
    printLine('\nOperations that would bring the database to the models:');
    for (const line of renderOpSummary(result.ops)) printLine(`  ${line}`);
    printLine('\n' + result.diff.trimEnd());
  }
  return 1;
}

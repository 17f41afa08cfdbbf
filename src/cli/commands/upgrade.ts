import { upgrade, upgradeScript } from '../../api/migrate.js';
import { printJson, printSql } from '../output.js';
import { progressPrinter } from '../progress.js';
import { unwrapTarget } from '../relative-targets.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, target: unknown): Promise<void> {
  const options = { ...runOptions(flags, progressPrinter(flags)), target: unwrapTarget(String(target)) };
  if (flags['sql']) return printSql(await upgradeScript(options));
  const result = await upgrade(options);
  if (flags.json) printJson(result);
}

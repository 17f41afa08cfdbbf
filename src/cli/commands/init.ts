import { init } from '../../api/init.js';
import { printJson, printLine } from '../output.js';
import type { GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, dir: unknown): Promise<void> {
  const result = init({ directory: String(dir), template: String(flags['template'] ?? 'generic'), config: flags.config });
  if (flags.json) return printJson(result);
  for (const file of result.files) printLine(`Creating ${file} ... done`);
  printLine(`Next: describe your tables in src/models.ts (or set "models" in ${result.configPath}),`);
  printLine('then run: alembic-ts revision --autogenerate -m "create tables"');
}

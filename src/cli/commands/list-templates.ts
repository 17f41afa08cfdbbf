import { listTemplates } from '../../api/init.js';
import { printJson, printLine } from '../output.js';
import type { GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const templates = listTemplates();
  if (flags.json) return printJson(templates);
  printLine('Available templates:\n');
  for (const t of templates) printLine(`${t.name} - ${t.description}`);
  printLine('\nTemplates are used via the init command, e.g.:\n\n  alembic-ts init --template generic ./migrations');
}

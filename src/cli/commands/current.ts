import { current } from '../../api/migrate.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await current(runOptions(flags));
  if (flags.json) return printJson(result);
  for (const info of result.revisions) {
    printLine(flags['verbose'] ? revisionBlock({ ...info, isCurrent: false }) : revisionLine({ ...info, isCurrent: false }));
  }
  for (const u of result.unfinished) {
    printLine(`${u.revision} (started ${u.direction === 'up' ? 'upgrade' : 'downgrade'}, never finished)`);
  }
}

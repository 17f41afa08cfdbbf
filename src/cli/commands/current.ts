import { current } from '../../api/migrate.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await current(runOptions(flags));
  if (flags.json) return printJson(result);
  for (const head of result.heads) {
    const info = result.revisions.find((r) => r.revision === head);
    // A version row no file declares (a database another tool, such as Python Alembic, has
    // managed until now) is still the database's current revision: show it, never hide it.
    if (info === undefined) printLine(`${head} (no revision file has this id)`);
    else printLine(flags['verbose'] ? revisionBlock({ ...info, isCurrent: false }) : revisionLine({ ...info, isCurrent: false }));
  }
  for (const u of result.unfinished) {
    printLine(`${u.revision} (started ${u.direction === 'up' ? 'upgrade' : 'downgrade'}, never finished)`);
  }
}

import { current, unknownRevisionsError } from '../../api/migrate.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await current(runOptions(flags));
  const verbose = flags['verbose'] === true;
  if (flags.json) {
    printJson(result);
  } else {
    if (verbose) printLine(`Current revision(s) for ${result.url}:`);
    for (const info of result.revisions) {
      printLine(verbose ? revisionBlock({ ...info, isCurrent: false }) : revisionLine({ ...info, isCurrent: false }));
    }
    for (const u of result.unfinished) {
      printLine(`${u.revision} (started ${u.direction === 'up' ? 'upgrade' : 'downgrade'}, never finished)`);
    }
  }
  // Alembic fails here too ("Can't locate revision"): leaving the row out would hide it.
  if (result.unknown.length > 0) throw unknownRevisionsError(result.unknown);
}

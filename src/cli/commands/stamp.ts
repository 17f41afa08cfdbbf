import { stamp, stampScript } from '../../api/migrate.js';
import { printJson, printSql, progress } from '../output.js';
import { unwrapTarget } from '../relative-targets.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, revisions: unknown): Promise<void> {
  const options = {
    ...runOptions(flags),
    revisions: (revisions as string[]).map(unwrapTarget),
    purge: flags['purge'] === true,
  };
  if (flags['sql']) return printSql(await stampScript(options));
  const result = await stamp(options);
  if (flags.json) return printJson(result);
  progress(flags, `Stamped ${result.heads.length === 0 ? '<base>' : result.heads.join(', ')}`);
}

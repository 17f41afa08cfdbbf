import { history } from '../../api/inspect-graph.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLines } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const range = flags['revRange'] as string | undefined;
  const result = await history({
    ...runOptions(flags),
    ...(range === undefined ? {} : { range }),
    indicateCurrent: flags['indicateCurrent'] === true,
  });
  if (flags.json) return printJson(result);
  printLines(result.map((info) => (flags['verbose'] ? revisionBlock(info) : revisionLine(info, { parents: true, branches: true, doc: true }))));
}

import { branches } from '../../api/inspect-graph.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await branches(runOptions(flags));
  if (flags.json) return printJson(result);
  for (const info of result) {
    const verbose = flags['verbose'] === true;
    printLine(verbose ? revisionBlock(info) : revisionLine(info, { branches: true }));
    for (const next of info.branchesInto) {
      printLine(`${' '.repeat(info.revision.length)} -> ${revisionLine(next, { branches: true, doc: verbose })}`);
    }
    printLine('');
  }
}

import { branches } from '../../api/inspect-graph.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await branches(runOptions(flags));
  if (flags.json) return printJson(result);
  for (const info of result) {
    if (flags['verbose']) {
      printLine(revisionBlock(info));
      continue;
    }
    printLine(revisionLine(info, { branches: true, doc: true }));
    for (const next of info.nextRevisions) printLine(`${' '.repeat(info.revision.length)} -> ${next}`);
  }
}

import { heads } from '../../api/inspect-graph.js';
import { revisionBlock, revisionLine } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags): Promise<void> {
  const result = await heads({ ...runOptions(flags), resolveDependencies: flags['resolveDependencies'] === true });
  if (flags.json) return printJson(result);
  for (const info of result) printLine(flags['verbose'] ? revisionBlock(info) : revisionLine(info, { branches: true, tree: false }));
}

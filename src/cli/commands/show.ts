import { show } from '../../api/inspect-graph.js';
import { revisionBlock } from '../format-revision.js';
import { printJson, printLine } from '../output.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, revision: unknown): Promise<void> {
  const result = await show({ ...runOptions(flags), revision: String(revision) });
  if (flags.json) return printJson(result.length === 1 ? result[0] : result);
  for (const info of result) printLine(revisionBlock(info));
}

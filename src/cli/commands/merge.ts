import { merge } from '../../api/revision.js';
import { printJson, printLine } from '../output.js';
import { postWriteHookPrinter, printPathOnHookFailure } from '../progress.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, revisions: unknown): Promise<void> {
  const revId = typeof flags['revId'] === 'string' ? flags['revId'] : undefined;
  const result = await printPathOnHookFailure(flags, () => merge({
    ...runOptions(flags),
    onPostWriteHook: postWriteHookPrinter(flags),
    revisions: revisions as string[],
    message: typeof flags['message'] === 'string' ? flags['message'] : '',
    ...(revId === undefined ? {} : { revId }),
    branchLabel: Array.isArray(flags['branchLabel']) ? (flags['branchLabel'] as string[]) : [],
  }));
  if (flags.json) return printJson(result);
  printLine(result.path);
}

import { revision } from '../../api/revision.js';
import { printJson, printLine, progress } from '../output.js';
import { postWriteHookPrinter, printPathOnHookFailure } from '../progress.js';
import { isInteractive, promptResolver } from '../prompt-resolver.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);
const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function run(flags: GlobalFlags): Promise<void> {
  const autogenerate = flags['autogenerate'] === true;
  const prompt = autogenerate && isInteractive() ? promptResolver() : undefined;
  try {
    const revId = optional(flags['revId']);
    const head = optional(flags['head']);
    const versionPath = optional(flags['versionPath']);
    const result = await printPathOnHookFailure(flags, () => revision({
      ...runOptions(flags),
      onPostWriteHook: postWriteHookPrinter(flags),
      message: typeof flags['message'] === 'string' ? flags['message'] : '',
      autogenerate,
      renames: list(flags['rename']),
      renameTables: list(flags['renameTable']),
      renameEnumValues: list(flags['renameEnumValue']),
      allowDrop: flags['allowDrop'] === true,
      ...(prompt === undefined ? {} : { resolver: prompt }),
      ...(revId === undefined ? {} : { revId }),
      ...(head === undefined ? {} : { head }),
      splice: flags['splice'] === true,
      branchLabel: list(flags['branchLabel']),
      dependsOn: list(flags['dependsOn']),
      ...(versionPath === undefined ? {} : { versionPath }),
    }));
    if (flags.json) return printJson(result);
    for (const decision of result.decisions) progress(flags, `${decision.description}: ${decision.answer}`);
    if (autogenerate && result.ops.length === 0) progress(flags, 'No changes in schema detected.');
    printLine(result.path);
  } finally {
    prompt?.close();
  }
}

import { spawnSync } from 'node:child_process';
import { show } from '../../api/inspect-graph.js';
import { AlembicError } from '../../errors.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

export async function run(flags: GlobalFlags, revision: unknown): Promise<number> {
  const [info, ...more] = await show({ ...runOptions(flags), revision: String(revision) });
  if (info === undefined || more.length > 0) {
    throw new AlembicError('E_AMBIGUOUS_REVISION', `"${String(revision)}" names ${more.length + (info ? 1 : 0)} revisions; edit needs one`);
  }
  const editor = process.env['VISUAL'] ?? process.env['EDITOR'];
  if (!editor) {
    throw new AlembicError('E_NO_EDITOR', `no editor to open ${info.path}`, { exitCode: 2, hint: 'set $EDITOR (or $VISUAL)' });
  }
  const result = spawnSync(`${editor} "${info.path.replace(/"/g, '\\"')}"`, { stdio: 'inherit', shell: true });
  return result.status ?? 1;
}

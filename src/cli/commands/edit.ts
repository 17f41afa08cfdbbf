import { spawnSync } from 'node:child_process';
import { show } from '../../api/inspect-graph.js';
import { AlembicError } from '../../errors.js';
import { runOptions, type GlobalFlags } from './global-flags.js';

/** Opens each revision `rev` names (`current` and `heads` may name several), as Alembic does. */
export async function run(flags: GlobalFlags, revision: unknown): Promise<number> {
  const rev = String(revision);
  const revisions = await show({ ...runOptions(flags), revision: rev });
  if (revisions.length === 0) {
    throw new AlembicError('E_NO_REVISION', rev === 'current' ? 'the database has no current revision' : `'${rev}' names no revision file`);
  }
  const editor = process.env['VISUAL'] || process.env['EDITOR'];
  if (!editor) {
    throw new AlembicError('E_NO_EDITOR', `no editor to open ${revisions[0]!.path}`, { exitCode: 2, hint: 'set $EDITOR (or $VISUAL)' });
  }
  for (const info of revisions) {
    const result = spawnSync(`${editor} "${info.path.replace(/"/g, '\\"')}"`, { stdio: 'inherit', shell: true });
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

import { spawn } from 'node:child_process';
import { AlembicError } from '../errors.js';

export interface PostWriteHook {
  /** A shell command; `{file}` is replaced by the new file's path (appended when absent). */
  readonly command: string;
}

function quote(path: string): string {
  if (process.platform === 'win32') return `"${path.replace(/"/g, '""')}"`;
  return `'${path.replace(/'/g, "'\\''")}'`;
}

export function hookCommand(hook: PostWriteHook, file: string): string {
  return hook.command.includes('{file}') ? hook.command.split('{file}').join(quote(file)) : `${hook.command} ${quote(file)}`;
}

function failure(hook: PostWriteHook, file: string, why: string, output: string, cause?: unknown): AlembicError {
  const detail = output.trim().split('\n').slice(-5).join('\n');
  return new AlembicError('E_POST_WRITE_HOOK_FAILED', `post-write hook \`${hook.command}\` ${why} on ${file}${detail === '' ? '' : `:\n${detail}`}`, {
    cause,
    hint: 'Fix the command in postWriteHooks (alembic.config.json); the revision file was written.',
  });
}

function runHook(hook: PostWriteHook, file: string, cwd: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(hookCommand(hook, file), { shell: true, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(failure(hook, file, 'could not start', output, error)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(failure(hook, file, signal === null ? `exited with code ${String(code)}` : `was killed by ${signal}`, output));
    });
  });
}

/** Runs each hook in order on a new revision file (prettier, eslint --fix...); the first failure stops. */
export async function runPostWriteHooks(hooks: readonly PostWriteHook[], file: string, options: { readonly cwd?: string } = {}): Promise<void> {
  for (const hook of hooks) await runHook(hook, file, options.cwd);
}

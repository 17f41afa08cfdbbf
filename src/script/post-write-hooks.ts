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

/**
 * What a hook does, as Alembic prints it: `Running post write hook "..." ...`, the hook's own
 * output, then `done`.
 */
export type PostWriteHookEvent =
  | { readonly kind: 'start'; readonly command: string; readonly file: string }
  | { readonly kind: 'output'; readonly command: string; readonly text: string }
  | { readonly kind: 'done'; readonly command: string; readonly file: string };

/** A hook failed after the revision file was written: `file` is that file, `output` what the hook printed. */
export class PostWriteHookError extends AlembicError {
  readonly file: string;
  readonly output: string;
  constructor(hook: PostWriteHook, file: string, why: string, output: string, cause?: unknown) {
    super('E_POST_WRITE_HOOK_FAILED', `post-write hook \`${hook.command}\` ${why} on ${file}`, cause === undefined ? {} : { cause });
    this.file = file;
    this.output = output;
  }
}

export interface PostWriteHookOptions {
  readonly cwd?: string | undefined;
  readonly onEvent?: ((event: PostWriteHookEvent) => void) | undefined;
}

function runHook(hook: PostWriteHook, file: string, options: PostWriteHookOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    options.onEvent?.({ kind: 'start', command: hook.command, file });
    const child = spawn(hookCommand(hook, file), { shell: true, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      options.onEvent?.({ kind: 'output', command: hook.command, text });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new PostWriteHookError(hook, file, 'could not start', output, error)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        options.onEvent?.({ kind: 'done', command: hook.command, file });
        resolve();
      } else {
        const why = signal === null ? `exited with code ${String(code)}` : `was killed by ${signal}`;
        reject(new PostWriteHookError(hook, file, why, output));
      }
    });
  });
}

/** Runs each hook in order on a new revision file (prettier, eslint --fix...); the first failure stops. */
export async function runPostWriteHooks(hooks: readonly PostWriteHook[], file: string, options: PostWriteHookOptions = {}): Promise<void> {
  for (const hook of hooks) await runHook(hook, file, options);
}

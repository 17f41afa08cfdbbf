/** Running setup commands (not timed) and quoting for the shell commands that are. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** A non-zero exit is returned instead of thrown. */
  readonly allowFailure?: boolean;
  readonly input?: string;
}

/** Quotes one word for sh. */
export function q(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export const commandLine = (argv: readonly string[]): string => argv.map(q).join(' ');

export function run(argv: readonly string[], options: RunOptions = {}): RunResult {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('run: empty command');
  const result = spawnSync(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${commandLine(argv)}: ${result.error.message}`);
  const out: RunResult = { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  if (out.status !== 0 && options.allowFailure !== true) {
    const where = options.cwd === undefined ? '' : ` (in ${options.cwd})`;
    throw new Error(`${commandLine(argv)}${where} exited with ${out.status}:\n${lastLines(out.stderr || out.stdout)}`);
  }
  return out;
}

export function sh(command: string, options: RunOptions = {}): RunResult {
  return run(['bash', '-c', command], options);
}

export function lastLines(text: string, count = 15): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/** Whether an executable is on PATH (or is an existing absolute path). */
export function hasCommand(name: string): boolean {
  if (name.startsWith('/')) return existsSync(name);
  return spawnSync('bash', ['-c', `command -v ${q(name)}`], { encoding: 'utf8' }).status === 0;
}

import type { RunOptions } from '../../api/run-options.js';

/** The flags every command receives, globals included (commander's optsWithGlobals). */
export interface GlobalFlags {
  readonly config?: string;
  readonly url?: string;
  readonly x?: Record<string, string>;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly debug?: boolean;
  readonly lockTimeout?: string;
  readonly [flag: string]: unknown;
}

export function runOptions(flags: GlobalFlags, onProgress?: RunOptions['onProgress']): RunOptions {
  const seconds = Number(flags.lockTimeout ?? '60');
  return {
    config: flags.config,
    url: flags.url,
    x: flags.x ?? {},
    lockTimeoutMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000,
    cwd: process.cwd(),
    onProgress,
  };
}

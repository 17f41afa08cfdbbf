import type { ProgressEvent } from '../api/run-options.js';
import { PostWriteHookError, type PostWriteHookEvent } from '../script/post-write-hooks.js';
import { printJson, printLine, progress, type OutputOptions } from './output.js';

/** `Running upgrade 1a2b -> 3c4d, add isbn (12 ms)`, Alembic's line plus the time it took. */
export function progressPrinter(options: OutputOptions): (event: ProgressEvent) => void {
  return (event) => {
    const verb = event.direction === 'up' ? 'upgrade' : 'downgrade';
    const ms = Math.round(event.durationMs);
    progress(options, `Running ${verb} ${event.from.join(', ')} -> ${event.to.join(', ')}, ${event.message} (${ms} ms)`);
  };
}

/** Alembic's `Running post write hook "..." ...`, the hook's own output, then `done`; all on stderr. */
export function postWriteHookPrinter(options: OutputOptions): (event: PostWriteHookEvent) => void {
  return (event) => {
    if (event.kind === 'start') progress(options, `Running post write hook "${event.command}" ...`);
    else if (event.kind === 'done') progress(options, 'done');
    else if (!options.quiet) process.stderr.write(event.text);
  };
}

/**
 * The file a failed post-write hook ran on was written: its path goes to stdout as on success,
 * then the error (one line naming the hook and the file) ends the command.
 */
export async function printPathOnHookFailure<T>(options: OutputOptions, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof PostWriteHookError) {
      if (error.output !== '' && !error.output.endsWith('\n') && !options.quiet) process.stderr.write('\n');
      if (options.json) printJson({ path: error.file });
      else printLine(error.file);
    }
    throw error;
  }
}

import type { ProgressEvent } from '../api/run-options.js';
import { progress, type OutputOptions } from './output.js';

/** `Running upgrade 1a2b -> 3c4d, add isbn (12 ms)`, Alembic's line plus the time it took. */
export function progressPrinter(options: OutputOptions): (event: ProgressEvent) => void {
  return (event) => {
    const verb = event.direction === 'up' ? 'upgrade' : 'downgrade';
    const ms = Math.round(event.durationMs);
    progress(options, `Running ${verb} ${event.from.join(', ')} -> ${event.to.join(', ')}, ${event.message} (${ms} ms)`);
  };
}

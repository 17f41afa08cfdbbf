/** What every API function accepts: the same knobs as the CLI's global flags. */
import type { ProgressEvent } from '../runtime/context.js';

export type { ProgressEvent };
export interface RunOptions {
  /** Config file; default `$ALEMBIC_CONFIG` or `./alembic.config.json`. */
  readonly config?: string | undefined;
  /** Overrides the config's url. */
  readonly url?: string | undefined;
  /** `-x key=value` arguments, read by migrations as `op.x`. */
  readonly x?: Readonly<Record<string, string>>;
  readonly lockTimeoutMs?: number;
  readonly cwd?: string;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
}

import type { DialectCapabilities } from '../../dialects/dialect.js';
import type { DecisionLog } from '../resolver/decisions.js';
import type { RenameResolver } from '../resolver/rename-resolver.js';

export interface CompareOptions {
  /** Compare column types (config `compareType`). */
  readonly compareType: boolean;
  /** Compare server defaults (config `compareServerDefault`); both sides are already normalized. */
  readonly compareServerDefault: boolean;
  /** Only `comments` is read: without stored comments there is nothing to compare. */
  readonly capabilities: Pick<DialectCapabilities, 'comments'>;
  readonly resolver: RenameResolver;
}

export interface CompareContext {
  readonly options: CompareOptions;
  readonly log: DecisionLog;
}

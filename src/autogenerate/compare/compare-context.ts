import type { DialectCapabilities } from '../../dialects/dialect.js';
import type { ColumnType } from '../../snapshot/types.js';
import type { DecisionLog } from '../resolver/decisions.js';
import type { RenameResolver } from '../resolver/rename-resolver.js';

export interface CompareOptions {
  /** Compare column types (config `compareType`). */
  readonly compareType: boolean;
  /** Compare server defaults (config `compareServerDefault`); both sides are already normalized. */
  readonly compareServerDefault: boolean;
  /**
   * `comments`: without stored comments there is nothing to compare. `alterColumn` (absent:
   * false): foreign keys can be added and dropped by ALTER, so the keys of a cycle among
   * created or dropped tables are added after the tables, and dropped before them.
   */
  readonly capabilities: Pick<DialectCapabilities, 'comments'> & Partial<Pick<DialectCapabilities, 'alterColumn'>>;
  readonly resolver: RenameResolver;
  /**
   * The dialect's identifier quoting: how a renamed column is spelled in the CHECK and index
   * expressions that name it (`"user" IS NOT NULL`, never the bare keyword). Without it, names
   * that are not lowercase ASCII are double-quoted.
   */
  readonly quoteIdentifier?: (name: string) => string;
  /** The dialect's `sameDefault`; without it, defaults are equal only when their texts are. */
  readonly sameDefault?: (model: string, database: string, type: ColumnType) => boolean;
}

export interface CompareContext {
  readonly options: CompareOptions;
  readonly log: DecisionLog;
}

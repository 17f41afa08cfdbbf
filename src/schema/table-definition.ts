import { argumentError } from './arguments.js';
import { COLUMN_REF_KEY } from './brands.js';
import type { ColumnSpec } from './column.js';
import type { NamingConvention } from './naming-convention.js';
import type { ColumnInput, ExtraSpec } from './table-extras.js';

/** What a table object keeps under its `Symbol.for('alembic-ts.table')` key. */
export interface TableDefinition {
  readonly name: string;
  /** null: the connection's default schema. */
  readonly schema: string | null;
  readonly comment: string | null;
  /** In declaration order; the object key is the column name. */
  readonly columns: readonly { readonly name: string; readonly spec: ColumnSpec }[];
  /**
   * The table extras, evaluated on first use (and then cached) so that an extra may refer to
   * tables declared further down the module.
   */
  extras(): readonly ExtraSpec[];
  readonly namingConvention: NamingConvention;
  /** The owning MetaData's schema: string references without a schema resolve into it (as in SQLAlchemy). */
  readonly metadataSchema: string | null;
}

/** A column of this table, given by reference (`t.id`) or by name; anything else is an error. */
export function columnName(def: TableDefinition, input: ColumnInput, where: string): string {
  const name = typeof input === 'string' ? input : input[COLUMN_REF_KEY].name;
  if (typeof input !== 'string' && input[COLUMN_REF_KEY].table !== def) {
    throw argumentError(where, `column "${input[COLUMN_REF_KEY].table.name}.${name}" belongs to another table`);
  }
  if (!def.columns.some((c) => c.name === name)) throw argumentError(where, `table "${def.name}" has no column "${name}"`);
  return name;
}

/**
 * `alembic-ts/postgresql`: column types that exist only on PostgreSQL.
 * `import { jsonb, array, inet } from 'alembic-ts/postgresql'`.
 */
import { argumentError } from './schema/arguments.js';
import { COLUMN_KEY } from './schema/brands.js';
import { column, isColumnBuilder, type ColumnBuilder } from './schema/column.js';

export const jsonb = (): ColumnBuilder => column({ name: 'jsonb' });
export const inet = (): ColumnBuilder => column({ name: 'inet' });
export const cidr = (): ColumnBuilder => column({ name: 'cidr' });
export const interval = (): ColumnBuilder => column({ name: 'interval' });
export const tsvector = (): ColumnBuilder => column({ name: 'tsvector' });
/** Needs the citext extension (`CREATE EXTENSION citext`). */
export const citext = (): ColumnBuilder => column({ name: 'citext' });

/** `array(integer())` is `INTEGER[]`; modifiers on the element type are ignored. */
export function array(of: ColumnBuilder): ColumnBuilder {
  if (!isColumnBuilder(of)) throw argumentError('array()', 'expects a column type such as integer() or text()');
  return column({ name: 'array', of: of[COLUMN_KEY].type });
}

/**
 * Brands that mark the DSL's objects. They are registered symbols (`Symbol.for`) and the
 * guards never use `instanceof`, because a user's model module may load a second copy of
 * the package (a local install beside a global CLI): both copies must recognize each
 * other's tables, columns and fragments.
 */
export const TABLE_KEY: unique symbol = Symbol.for('alembic-ts.table');
export const COLUMN_KEY: unique symbol = Symbol.for('alembic-ts.column');
export const COLUMN_REF_KEY: unique symbol = Symbol.for('alembic-ts.column-ref');
export const EXTRA_KEY: unique symbol = Symbol.for('alembic-ts.table-extra');
export const METADATA_KEY: unique symbol = Symbol.for('alembic-ts.metadata');

export function hasBrand(value: unknown, key: symbol): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as Record<symbol, unknown>)[key] !== undefined
  );
}
